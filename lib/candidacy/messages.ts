import type { ExpectationCode, FlagCode } from "@/lib/candidacy/result";
import type { AppLocale } from "@/lib/i18n/locales";

/**
 * Every text the rules show, per locale. Written in our own words from the clinic page's facts:
 * kind, plain, honest; no promises the page does not make. The `Record<Code, ...>` types make a
 * missing translation a compile error. Spanish uses "usted" (a medical clinic, adults of any age).
 */

/** The languages the rules speak: the app's languages (lib/i18n/locales.ts). */
export type CandidacyLocale = AppLocale;

export interface FlagText {
  /** Shown to the patient, addressed to them. */
  readonly patient: string;
  /** Shown to front-desk staff and the doctor: what to do about it. */
  readonly staff: string;
}

export type FlagMessages = Readonly<Record<FlagCode, FlagText>>;
export type ExpectationMessages = Readonly<Record<ExpectationCode, FlagText>>;

export const FLAG_MESSAGES: Readonly<Record<CandidacyLocale, FlagMessages>> = {
  en: {
    DERM_CLEARANCE_REQUIRED: {
      patient:
        "You told us you have psoriasis or seborrheic dermatitis that is active right now. SMP can't be done while it is active. It can only be done after your dermatologist has treated it and given you written clearance for SMP; bring that clearance to your consultation.",
      staff:
        "Active psoriasis or seborrheic dermatitis, no dermatology clearance. Do not schedule the procedure until a dermatologist's written clearance is on file.",
    },
    SCALP_NOT_HEALTHY: {
      patient:
        "SMP needs healthy skin. Skin that is dry, red or peeling, has another active condition, is infected or has an open wound doesn't tolerate the treatment well and may get worse. Unhealthy skin also takes up less ink, which raises the risk that the treatment fails. A skin condition can be treated by your dermatologist, who can then give you written clearance for SMP; an infection or wound has to heal first.",
      staff:
        "Scalp not healthy now (dry/red/peeling or another active condition without clearance, or infection/open wound). Do not schedule: worsening and poor ink absorption (risk of failure). Skin condition: needs dermatology clearance; infection/wound: must heal.",
    },
    SCAR_REDUCED_RESPONSE: {
      patient:
        "SMP can help blend scars in, but scar tissue takes up pigment differently from the skin around it, so the result over a scar is usually less complete.",
      staff: "Scar(s) reported. Scar tissue absorbs pigment differently: set expectations of a reduced response over scars.",
    },
    CHEMO_FEEL_WELL: {
      patient:
        "Chemotherapy doesn't rule out SMP. We'll only go ahead when you feel well enough, and we'll ask how you're feeling before planning each session.",
      staff: "Currently on chemotherapy. Possible if the patient feels well enough: confirm how they feel before scheduling each session.",
    },
    AGE_APPROPRIATE_HAIRLINE: {
      patient:
        "Your hairline will be designed for your age and your face, so it may sit higher than you hope. People in their 20s and early 30s often ask for a low hairline, and one drawn too low stops looking natural as they get older. The doctor will show you where yours would go at the consultation.",
      staff:
        "Under 35 asking for hairline work or a shaved look: design an age-appropriate hairline. The patient has read that it may sit higher than they hope; show where it would go.",
    },
    PRICE_ESTIMATE: {
      patient:
        "The clinic's price list has no exact line for your situation, so this price is an estimate based on the closest ones. The doctor will confirm the price at your consultation.",
      staff: "Price derived from the price table (no exact row). Confirm the price at the consultation.",
    },
    DERM_CLEARANCE_ON_FILE: {
      patient:
        "Thank you for getting clearance from your dermatologist for your skin condition. Please bring the written clearance to your consultation so we can keep it in your file; the doctor will also look at your scalp that day.",
      staff:
        "Active skin condition reported WITH dermatology clearance. See and file the written clearance and check the scalp before scheduling.",
    },
    NOTHING_TO_TREAT: {
      patient:
        "You told us you have no hair loss and no scar or birthmark on your scalp. SMP adds pigment where hair is missing or over a scar, so from your answers there is nothing for it to treat. If something about your hair or scalp worries you, the doctor can look at it with you at a consultation.",
      staff:
        "No hair loss and no scar or birthmark reported: nothing for SMP to treat (the clinic page places pigment in areas of alopecia). Doctor to talk through what the patient hopes for before any quote.",
    },
    KELOID_TENDENCY: {
      patient: "You told us you tend to form raised (keloid) scars. The doctor will talk this through with you before any treatment.",
      staff: "Keloid tendency reported. Doctor to assess before scheduling (screening question beyond the clinic page).",
    },
    BLEEDING_RISK: {
      patient:
        "You mentioned a bleeding disorder or blood-thinning medicine. Please don't stop any medicine on your own; the doctor will go over this with you at the consultation.",
      staff:
        "Bleeding disorder or blood thinners reported. Doctor to review before scheduling; the patient must not stop medication without their prescriber.",
    },
    PREGNANCY_OR_BREASTFEEDING: {
      patient: "You told us you are pregnant or breastfeeding. The doctor will talk with you about the right time for treatment.",
      staff: "Pregnant or breastfeeding. Doctor to decide on timing before scheduling.",
    },
    PIGMENT_ALLERGY: {
      patient: "You mentioned a past reaction to pigment or tattoo ink. The doctor will go over this with you before any treatment.",
      staff: "Pigment or tattoo-ink allergy/reaction reported. Doctor to assess before scheduling.",
    },
    STAGE_TO_CONFIRM: {
      patient: "No problem if you weren't sure which picture matches you. We'll look at it together at your consultation.",
      staff: "Patient unsure of their Norwood stage: confirm it at the consultation. The price shown is the widest Norwood estimate.",
    },
    ALOPECIA_GOOD_CANDIDATE: {
      patient: "People with alopecia areata or alopecia totalis are often excellent candidates for SMP and usually benefit from it.",
      staff: "Alopecia areata/totalis: the clinic page describes these patients as excellent candidates.",
    },
    THINNING_GOOD_CANDIDATE: {
      patient:
        "SMP works well to add the look of density among thinning hair, and it is a good option if you'd rather not have a transplant.",
      staff: "Diffuse thinning: pigment added among existing hair. The clinic page notes women respond well to this.",
    },
    BIRTHMARK_CAMOUFLAGE: {
      patient: "Birthmarks are among the things SMP can help blend in. The doctor will take a look at yours at the consultation.",
      staff: "Birthmark reported (not scar tissue): eligible per the clinic page; assess at the consultation.",
    },
    CHEMO_COMPLETED: {
      patient: "Thank you for telling us about your chemotherapy. The doctor will ask how you're feeling and how your scalp has recovered.",
      staff: "Chemotherapy completed: ask about recovery and the scalp's condition. No restriction on the clinic page.",
    },
    SHAVED_LOOK_CLASSIC_CASE: {
      patient:
        "You'd like a closely shaved look, the classic case for SMP: the tiny dots look like hair cut very short. The clinic finds it works best of all with advanced hair loss and a shaved scalp.",
      staff: "Full shaved look with advanced balding (Norwood 5 or beyond): the page's best indication.",
    },
    SHAVED_LOOK_POSSIBLE: {
      patient:
        "You'd like a closely shaved look. SMP can give a shaved scalp the look of hair cut very short; the doctor will plan with you where the pigment goes at the consultation.",
      staff: "Shaved look without advanced balding (below Norwood 5, stage unknown, thinning, alopecia or scars): possible, but not the page's best case. Plan coverage at the consultation.",
    },
    DENSITY_WHERE_HAIR_REMAINS: {
      patient:
        "SMP can make the areas where you still have hair look denser and soften a thinning hairline or crown. This is one of the main things the clinic uses it for.",
      staff: "Hairline/crown or added density: the page lists thinning hairlines and low density as indications.",
    },
  },
  es: {
    DERM_CLEARANCE_REQUIRED: {
      patient:
        "Nos indicó que tiene psoriasis o dermatitis seborreica activa en este momento. La SMP no se puede realizar mientras esté activa. Solo se puede realizar después de que su dermatólogo la haya tratado y le dé una autorización por escrito para la SMP; traiga esa autorización a su consulta.",
      staff:
        "Psoriasis o dermatitis seborreica activa, sin autorización dermatológica. No agendar el procedimiento hasta tener en el expediente la autorización escrita del dermatólogo.",
    },
    SCALP_NOT_HEALTHY: {
      patient:
        "La SMP requiere una piel sana. La piel reseca, enrojecida o que se descama, con otra afección activa, con una infección o con una herida abierta no tolera bien el tratamiento y puede empeorar. Además, la piel que no está sana absorbe menos tinta, lo que aumenta el riesgo de que el tratamiento no funcione. Una afección de la piel la puede tratar su dermatólogo, que después puede darle una autorización por escrito para la SMP; una infección o una herida primero tiene que sanar.",
      staff:
        "Cuero cabelludo no sano en este momento (reseco/enrojecido/descamación u otra afección activa sin autorización, o infección/herida abierta). No agendar: puede empeorar y absorbe mal la tinta (riesgo de fracaso). Afección de la piel: requiere autorización dermatológica; infección/herida: debe sanar.",
    },
    SCAR_REDUCED_RESPONSE: {
      patient:
        "La SMP puede ayudar a disimular cicatrices, pero el tejido cicatricial absorbe el pigmento de forma distinta a la piel que lo rodea, así que el resultado sobre una cicatriz suele ser menos completo.",
      staff: "Cicatriz(es) reportada(s). El tejido cicatricial absorbe el pigmento de otra forma: explicar que la respuesta sobre la cicatriz es menor.",
    },
    CHEMO_FEEL_WELL: {
      patient:
        "La quimioterapia no le impide hacerse la SMP. Solo lo haremos cuando se sienta lo bastante bien, y le preguntaremos cómo se siente antes de planear cada sesión.",
      staff: "En quimioterapia actualmente. Es posible si el paciente se siente bien: confirmar cómo se siente antes de agendar cada sesión.",
    },
    AGE_APPROPRIATE_HAIRLINE: {
      patient:
        "Su línea del cabello se diseñará según su edad y sus facciones, así que puede quedar más alta de lo que usted espera. Quienes tienen veintitantos o treinta y pocos años suelen pedir una línea baja, y una línea demasiado baja deja de verse natural con los años. El médico le mostrará en la consulta dónde quedaría la suya.",
      staff:
        "Menor de 35 que pide línea frontal o look rapado: diseñar una línea acorde con su edad. El paciente ya leyó que puede quedar más alta de lo que espera; mostrarle dónde quedaría.",
    },
    PRICE_ESTIMATE: {
      patient:
        "La lista de precios de la clínica no tiene una línea exacta para su caso, así que este precio es un estimado basado en las más cercanas. El médico confirmará el precio en su consulta.",
      staff: "Precio derivado de la tabla de precios (sin fila exacta). Confirmar el precio en la consulta.",
    },
    DERM_CLEARANCE_ON_FILE: {
      patient:
        "Gracias por obtener la autorización de su dermatólogo para su afección de la piel. Por favor traiga la autorización por escrito a su consulta para guardarla en su expediente; ese día el médico también revisará su cuero cabelludo.",
      staff:
        "Afección activa de la piel reportada CON autorización dermatológica. Ver y archivar la autorización escrita y revisar el cuero cabelludo antes de agendar.",
    },
    NOTHING_TO_TREAT: {
      patient:
        "Nos indicó que no tiene pérdida de cabello ni cicatrices o marcas de nacimiento en el cuero cabelludo. La SMP pone pigmento donde falta cabello o sobre una cicatriz, así que, según sus respuestas, no hay nada que tratar. Si algo de su cabello o de su cuero cabelludo le preocupa, el médico puede revisarlo con usted en una consulta.",
      staff:
        "Sin pérdida de cabello ni cicatriz o marca de nacimiento: no hay nada que tratar con SMP (la página de la clínica coloca el pigmento en zonas de alopecia). El médico conversa con el paciente sobre lo que espera antes de dar un precio.",
    },
    KELOID_TENDENCY: {
      patient: "Nos indicó que tiende a formar cicatrices abultadas (queloides). El médico lo conversará con usted antes de cualquier tratamiento.",
      staff: "Tendencia a queloides reportada. El médico evalúa antes de agendar (pregunta de evaluación adicional a la página de la clínica).",
    },
    BLEEDING_RISK: {
      patient:
        "Mencionó un trastorno de la coagulación o medicamentos para adelgazar la sangre. Por favor no deje ningún medicamento por su cuenta; el médico lo revisará con usted en la consulta.",
      staff:
        "Trastorno de la coagulación o anticoagulantes reportados. El médico revisa antes de agendar; el paciente no debe suspender medicamentos sin su médico tratante.",
    },
    PREGNANCY_OR_BREASTFEEDING: {
      patient: "Nos indicó que está embarazada o amamantando. El médico hablará con usted sobre el mejor momento para el tratamiento.",
      staff: "Embarazo o lactancia. El médico decide el momento adecuado antes de agendar.",
    },
    PIGMENT_ALLERGY: {
      patient: "Mencionó una reacción previa a pigmentos o tinta de tatuaje. El médico lo revisará con usted antes de cualquier tratamiento.",
      staff: "Alergia o reacción a pigmentos o tinta de tatuaje reportada. El médico evalúa antes de agendar.",
    },
    STAGE_TO_CONFIRM: {
      patient: "No se preocupe si no estaba seguro de qué imagen se parece a su caso. Lo revisaremos juntos en su consulta.",
      staff: "El paciente no sabe su etapa Norwood: confirmarla en la consulta. El precio mostrado es el estimado Norwood más amplio.",
    },
    ALOPECIA_GOOD_CANDIDATE: {
      patient:
        "Las personas con alopecia areata o alopecia total suelen ser excelentes candidatas para la SMP y por lo general se benefician de ella.",
      staff: "Alopecia areata/total: la página de la clínica describe a estos pacientes como excelentes candidatos.",
    },
    THINNING_GOOD_CANDIDATE: {
      patient:
        "La SMP funciona bien para dar apariencia de más densidad entre el cabello que se ha adelgazado, y es una buena opción si prefiere no hacerse un trasplante.",
      staff: "Adelgazamiento difuso: pigmento entre el cabello existente. La página de la clínica indica que las mujeres responden bien.",
    },
    BIRTHMARK_CAMOUFLAGE: {
      patient: "Las marcas de nacimiento están entre lo que la SMP puede ayudar a disimular. El médico revisará la suya en la consulta.",
      staff: "Marca de nacimiento reportada (no es tejido cicatricial): candidato según la página de la clínica; evaluar en la consulta.",
    },
    CHEMO_COMPLETED: {
      patient: "Gracias por contarnos sobre su quimioterapia. El médico le preguntará cómo se siente y cómo se ha recuperado su cuero cabelludo.",
      staff: "Quimioterapia terminada: preguntar por su recuperación y el estado del cuero cabelludo. Sin restricción en la página de la clínica.",
    },
    SHAVED_LOOK_CLASSIC_CASE: {
      patient:
        "Usted busca un look de cabeza rapada, el caso clásico de la SMP: los pequeños puntos parecen cabello cortado muy al ras. La clínica ve los mejores resultados en personas con una pérdida de cabello avanzada que llevan la cabeza rapada.",
      staff: "Look rapado completo con calvicie avanzada (Norwood 5 o más): la mejor indicación según la página.",
    },
    SHAVED_LOOK_POSSIBLE: {
      patient:
        "Usted busca un look de cabeza rapada. La SMP puede darle a un cuero cabelludo rapado el aspecto de cabello cortado muy al ras; el médico planeará con usted en la consulta dónde va el pigmento.",
      staff: "Look rapado sin calvicie avanzada (menos de Norwood 5, etapa desconocida, adelgazamiento, alopecia o cicatrices): posible, pero no es el mejor caso según la página. Planear la cobertura en la consulta.",
    },
    DENSITY_WHERE_HAIR_REMAINS: {
      patient:
        "La SMP puede hacer que las zonas donde todavía tiene cabello se vean más densas y disimular una línea frontal o una coronilla que se está aclarando. Es uno de los usos principales que le da la clínica.",
      staff: "Línea frontal/coronilla o más densidad: la página cita la línea frontal que se aclara y la baja densidad como indicaciones.",
    },
  },
};

export const EXPECTATION_MESSAGES: Readonly<Record<CandidacyLocale, ExpectationMessages>> = {
  en: {
    SEVERAL_SESSIONS: {
      patient:
        "SMP is done in stages, over several sessions: usually between 1 and 4 in the first year. No one can say in advance exactly how many you will need.",
      staff: "Sessions: usually 1 to 4 in the first year; the total is hard to predict.",
    },
    PRICE_COVERS_TWO_SESSIONS: {
      patient: "The price shown covers your first two sessions.",
      staff: "Table prices cover sessions 1 and 2.",
    },
    PIGMENT_FADES: {
      patient: "The pigment sits in the upper layer of the skin and fades over time.",
      staff: "Pigment in the upper dermis fades over time.",
    },
    BLUE_TONE_POSSIBLE: {
      patient: "The pigment may also take on a blue appearance over time.",
      staff: "Pigment may take on a blue appearance over time.",
    },
    PIGMENT_IN_LYMPH_NODES: {
      patient:
        "Your immune system slowly removes some of the pigment and carries it to your lymph nodes, where it collects. The long-term health effects of this are not known.",
      staff: "Pigment is carried to and collects in the lymph nodes; long-term health effects are not known.",
    },
    PIGMENT_INGREDIENTS: {
      patient:
        "SMP pigments may contain titanium dioxide, lead, chromium, nickel, iron oxides, ash, carbon black and other ingredients. If you are allergic to a metal (nickel, for example) or have reacted to a tattoo or pigment before, tell the doctor before any treatment.",
      staff: "Pigments may contain titanium dioxide, lead, chromium, nickel, iron oxides, ash, carbon black: ask about metal and pigment allergies.",
    },
    MAINTENANCE_NEEDED: {
      patient: "Because the pigment changes and fades, you will need maintenance sessions to keep the result.",
      staff: "Maintenance sessions are needed.",
    },
    RESULTS_VARY: {
      patient: "Results vary from person to person, and no one can predict the final outcome.",
      staff: "Results vary; no one can predict the final outcome.",
    },
  },
  es: {
    SEVERAL_SESSIONS: {
      patient:
        "La SMP se hace por etapas, en varias sesiones: por lo general entre 1 y 4 durante el primer año. Nadie puede saber de antemano cuántas necesitará exactamente.",
      staff: "Sesiones: por lo general de 1 a 4 en el primer año; el total es difícil de predecir.",
    },
    PRICE_COVERS_TWO_SESSIONS: {
      patient: "El precio que se muestra cubre sus dos primeras sesiones.",
      staff: "Los precios de la tabla cubren las sesiones 1 y 2.",
    },
    PIGMENT_FADES: {
      patient: "El pigmento queda en la capa superior de la piel y se va aclarando con el tiempo.",
      staff: "El pigmento en la dermis superior se aclara con el tiempo.",
    },
    BLUE_TONE_POSSIBLE: {
      patient: "Con el tiempo, el pigmento también puede tomar un aspecto azul.",
      staff: "El pigmento puede tomar un aspecto azul con el tiempo.",
    },
    PIGMENT_IN_LYMPH_NODES: {
      patient:
        "Su sistema inmunitario retira poco a poco parte del pigmento y lo lleva a los ganglios linfáticos, donde se acumula. No se conocen los efectos a largo plazo de esto sobre la salud.",
      staff: "El pigmento llega a los ganglios linfáticos y se acumula allí; no se conocen los efectos a largo plazo sobre la salud.",
    },
    PIGMENT_INGREDIENTS: {
      patient:
        "Los pigmentos de la SMP pueden contener dióxido de titanio, plomo, cromo, níquel, óxidos de hierro, ceniza, negro de carbón y otros ingredientes. Si tiene alergia a algún metal (por ejemplo, al níquel) o ha tenido una reacción a un tatuaje o a un pigmento, dígaselo al médico antes de cualquier tratamiento.",
      staff: "Los pigmentos pueden contener dióxido de titanio, plomo, cromo, níquel, óxidos de hierro, ceniza, negro de carbón: preguntar por alergias a metales o pigmentos.",
    },
    MAINTENANCE_NEEDED: {
      patient: "Como el pigmento cambia y se aclara, necesitará sesiones de mantenimiento para conservar el resultado.",
      staff: "Se necesitan sesiones de mantenimiento.",
    },
    RESULTS_VARY: {
      patient: "Los resultados varían de una persona a otra, y nadie puede predecir el resultado final.",
      staff: "Los resultados varían; nadie puede predecir el resultado final.",
    },
  },
};

import { describe, expect, it } from "vitest";
import { ANSWER_MESSAGES } from "@/lib/candidacy/answer-messages";
import { answersSubsetSchema, candidacyAnswersSchema } from "@/lib/candidacy/answers";
import { buildAnswers } from "@/tests/support/candidacy-builders";

type Issue = { path: PropertyKey[]; message: string; code: string };

function issuesOf(input: unknown): Issue[] {
  const result = candidacyAnswersSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues;
}

const withField = (field: string, value: unknown) => ({ ...buildAnswers(), [field]: value });

describe("candidacyAnswersSchema: valid answers", () => {
  it.each([
    ["the base answers", buildAnswers()],
    ["age 18", buildAnswers({ age: 18 })],
    ["age 100", buildAnswers({ age: 100 })],
    ["Norwood not sure", buildAnswers({ norwoodStage: "unknown" })],
    ["diffuse thinning without Ludwig stage", buildAnswers({ lossPattern: "diffuse_thinning", sex: "female" })],
    ["diffuse thinning with Ludwig III", buildAnswers({ lossPattern: "diffuse_thinning", ludwigStage: "III" })],
    ["scar only, no loss pattern", buildAnswers({ lossPattern: "none", goal: "scar_camouflage_only", scars: ["strip", "burn"] })],
    ["every health-screen item", buildAnswers({ healthScreen: ["keloid_tendency", "pigment_allergy", "scalp_infection_or_wound"] })],
    ["empty health screen", buildAnswers({ healthScreen: [] })],
  ])("accepts %s", (_name, answers) => {
    const result = candidacyAnswersSchema.safeParse(answers);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(answers);
  });
});

describe("candidacyAnswersSchema: every validation error names its field", () => {
  it.each<[string, unknown, PropertyKey[], string | null]>([
    ["under 18", withField("age", 17), ["age"], ANSWER_MESSAGES.ageUnder18],
    ["age 0", withField("age", 0), ["age"], ANSWER_MESSAGES.ageUnder18],
    ["age not an integer", withField("age", 40.5), ["age"], ANSWER_MESSAGES.ageNotWhole],
    ["age over 100", withField("age", 101), ["age"], ANSWER_MESSAGES.ageOver100],
    ["age as a string", withField("age", "40"), ["age"], ANSWER_MESSAGES.ageNotNumber],
    ["age NaN", withField("age", Number.NaN), ["age"], ANSWER_MESSAGES.ageNotNumber],
    ["age missing", withField("age", undefined), ["age"], ANSWER_MESSAGES.ageMissing],
    ["norwoodStage missing with norwood", withField("norwoodStage", undefined), ["norwoodStage"], ANSWER_MESSAGES.norwoodStageMissing],
    [
      "norwoodStage with alopecia",
      buildAnswers({ lossPattern: "alopecia_areata", norwoodStage: "3" }),
      ["norwoodStage"],
      ANSWER_MESSAGES.norwoodStageForbidden,
    ],
    [
      "norwoodStage with diffuse thinning",
      buildAnswers({ lossPattern: "diffuse_thinning", norwoodStage: "unknown" }),
      ["norwoodStage"],
      ANSWER_MESSAGES.norwoodStageForbidden,
    ],
    ["ludwigStage without diffuse thinning", buildAnswers({ ludwigStage: "II" }), ["ludwigStage"], ANSWER_MESSAGES.ludwigStageForbidden],
    [
      "ludwigStage with alopecia totalis",
      buildAnswers({ lossPattern: "alopecia_totalis", ludwigStage: "I" }),
      ["ludwigStage"],
      ANSWER_MESSAGES.ludwigStageForbidden,
    ],
    ["duplicate scars", buildAnswers({ scars: ["strip", "burn", "strip"] }), ["scars", 2], ANSWER_MESSAGES.duplicate],
    [
      "duplicate skin conditions",
      buildAnswers({ skinConditions: ["psoriasis", "psoriasis"] }),
      ["skinConditions", 1],
      ANSWER_MESSAGES.duplicate,
    ],
    [
      "duplicate health-screen items",
      buildAnswers({ healthScreen: ["pigment_allergy", "pigment_allergy"] }),
      ["healthScreen", 1],
      ANSWER_MESSAGES.duplicate,
    ],
    ["wrong sex enum", withField("sex", "unknown"), ["sex"], ANSWER_MESSAGES.choose],
    ["wrong lossPattern enum", withField("lossPattern", "bald"), ["lossPattern"], ANSWER_MESSAGES.choose],
    ["wrong norwoodStage enum", withField("norwoodStage", "8"), ["norwoodStage"], ANSWER_MESSAGES.choose],
    ["wrong goal enum", withField("goal", "transplant"), ["goal"], ANSWER_MESSAGES.choose],
    ["wrong chemotherapy enum", withField("chemotherapy", "yes"), ["chemotherapy"], ANSWER_MESSAGES.choose],
    ["wrong scar kind", withField("scars", ["strip", "tattoo"]), ["scars", 1], ANSWER_MESSAGES.chooseListed],
    ["scars not an array", withField("scars", "strip"), ["scars"], ANSWER_MESSAGES.chooseListed],
    ["skinConditions null", withField("skinConditions", null), ["skinConditions"], ANSWER_MESSAGES.chooseListed],
    ["wrong health-screen item", withField("healthScreen", ["flu"]), ["healthScreen", 0], ANSWER_MESSAGES.chooseListed],
    ["dermatologyClearance as a string", withField("dermatologyClearance", "yes"), ["dermatologyClearance"], ANSWER_MESSAGES.yesNo],
    ["dermatologyClearance missing", withField("dermatologyClearance", undefined), ["dermatologyClearance"], ANSWER_MESSAGES.yesNo],
    ["goal missing", withField("goal", undefined), ["goal"], ANSWER_MESSAGES.choose],
  ])("%s", (_name, input, path, message) => {
    const issues = issuesOf(input);
    const issue = issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
    expect(issue, JSON.stringify(issues)).toBeDefined();
    if (message !== null) expect(issue?.message).toBe(message);
  });

  it("rejects an unknown field and names it", () => {
    const issues = issuesOf({ ...buildAnswers(), promoCode: "X" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["promoCode"], message: ANSWER_MESSAGES.unknownField });
  });

  it("reports an unknown field and a missing stage together", () => {
    const { norwoodStage: _drop, ...rest } = buildAnswers();
    const issues = issuesOf({ ...rest, extra: 1 });
    expect(issues.map((i) => i.code).sort()).toEqual(["custom", "unrecognized_keys"]);
    expect(issues.find((i) => i.code === "custom")?.path).toEqual(["norwoodStage"]);
  });

  it.each([null, [], "answers", 42])("rejects a non-object body (%j) without throwing", (input) => {
    const issues = issuesOf(input);
    expect(issues[0]?.message).toBe(ANSWER_MESSAGES.notAnObject);
  });

  it("reports each wrong field, not just the first", () => {
    const issues = issuesOf({ ...buildAnswers(), age: 12, sex: "x", goal: 3 });
    expect(issues.map((i) => i.path[0]).sort()).toEqual(["age", "goal", "sex"]);
  });
});

describe("step schemas derive from the full schema", () => {
  const aboutYouSchema = answersSubsetSchema(["sex", "age"]);
  const hairLossSchema = answersSubsetSchema(["norwoodStage"]);
  const scarsSchema = answersSubsetSchema(["scars"]);
  const healthSchema = answersSubsetSchema(["skinConditions", "dermatologyClearance", "chemotherapy", "healthScreen"]);

  it("aboutYouSchema checks age exactly like the full schema and ignores other steps' fields", () => {
    expect(aboutYouSchema.safeParse({ sex: "female", age: 30, goal: "add_density" }).success).toBe(true);
    const under = aboutYouSchema.safeParse({ sex: "female", age: 16 });
    expect(under.error?.issues[0]).toMatchObject({ path: ["age"], message: ANSWER_MESSAGES.ageUnder18 });
  });

  it("a stage's schema enforces the conditional stages, reading the pattern it depends on", () => {
    expect(hairLossSchema.safeParse({ lossPattern: "norwood" }).error?.issues[0]?.path).toEqual(["norwoodStage"]);
    expect(hairLossSchema.safeParse({ lossPattern: "none", ludwigStage: "I" }).error?.issues[0]?.path).toEqual(["ludwigStage"]);
    expect(hairLossSchema.safeParse({ lossPattern: "diffuse_thinning", ludwigStage: "II" }).success).toBe(true);
  });

  it("the scars schema rejects duplicate scars at the duplicate's index", () => {
    expect(scarsSchema.safeParse({ goal: "hairline_or_crown", scars: ["fue", "fue"] }).error?.issues[0]?.path).toEqual(["scars", 1]);
  });

  it("the health schema accepts a missing health screen and rejects a wrong type", () => {
    expect(healthSchema.safeParse({ skinConditions: [], dermatologyClearance: false, chemotherapy: "none" }).success).toBe(true);
    expect(
      healthSchema.safeParse({ skinConditions: [], dermatologyClearance: 1, chemotherapy: "none" }).error?.issues[0]?.path,
    ).toEqual(["dermatologyClearance"]);
  });
});

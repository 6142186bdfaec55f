import { useId, type ReactNode } from "react";

/*
 * Top-of-head pictures for the Norwood (men) and Ludwig (women) scales, drawn as plain SVG so
 * they scale to any card size and cost no image requests. Conventions shared by every picture:
 * the face points up (a small nose and the ears show orientation), hair is the dark shade,
 * bare skin is the light one. Every drawing is the head filled with hair, then the bare areas
 * painted in skin colour on top, all clipped to the head outline.
 */

export const NORWOOD_PICTURE_STAGES = ["1", "2", "2A", "3", "3A", "3V", "4", "4A", "5", "5A", "6", "7"] as const;
export type NorwoodPictureStage = (typeof NORWOOD_PICTURE_STAGES)[number];
export const LUDWIG_PICTURE_STAGES = ["I", "II", "III"] as const;
export type LudwigPictureStage = (typeof LUDWIG_PICTURE_STAGES)[number];

const HAIR = "#3d2b1f";
const SKIN = "#f1cfb2";
const OUTLINE = "#6b4a36";
const HEAD = { cx: 60, cy: 74, rx: 42, ry: 54 };

type Point = readonly [number, number];

/** A smooth curve through the points (Catmull-Rom converted to cubic Béziers). */
function smoothThrough(points: readonly Point[]): string {
  const [first] = points;
  if (!first) return "";
  let d = `M${first[0]} ${first[1]}`;
  for (let i = 0; i < points.length - 1; i += 1) {
    const p0 = points[Math.max(i - 1, 0)] ?? first;
    const p1 = points[i] ?? first;
    const p2 = points[i + 1] ?? p1;
    const p3 = points[i + 2] ?? p2;
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += ` C${round(c1[0])} ${round(c1[1])} ${round(c2[0])} ${round(c2[1])} ${p2[0]} ${p2[1]}`;
  }
  return d;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The bare front of the scalp: everything in front of a hairline drawn from the left side of
 * the head to the right. Points run left to right; the region is closed over the top.
 */
function frontBald(hairline: readonly Point[]): string {
  const left = hairline[0];
  const right = hairline[hairline.length - 1];
  if (!left || !right) return "";
  const line: Point[] = [[-10, left[1]], ...hairline, [130, right[1]]];
  return `${smoothThrough(line)} L130 -10 L-10 -10 Z`;
}

function ellipsePath(cx: number, cy: number, rx: number, ry: number): string {
  return `M${cx - rx} ${cy} a${rx} ${ry} 0 1 0 ${rx * 2} 0 a${rx} ${ry} 0 1 0 ${-rx * 2} 0 Z`;
}

// Hairlines shared by several stages (y grows towards the back of the head).
const FULL_HAIRLINE: Point[] = [[18, 34], [36, 31], [60, 29], [84, 31], [102, 34]];

/** Bare areas per Norwood stage, tuned by eye against the usual reference charts. */
const NORWOOD_BALD: Record<NorwoodPictureStage, string[]> = {
  // Adult hairline, no recession.
  "1": [frontBald(FULL_HAIRLINE)],
  // Slight, symmetrical recession at the temples.
  "2": [frontBald([[18, 36], [34, 40], [48, 32], [60, 30], [72, 32], [86, 40], [102, 36]])],
  // The whole front moves back evenly; no central tuft.
  "2A": [frontBald([[18, 38], [36, 40], [60, 40], [84, 40], [102, 38]])],
  // Deep temple recession either side of a central forelock.
  "3": [frontBald([[18, 38], [33, 52], [47, 38], [60, 33], [73, 38], [87, 52], [102, 38]])],
  // The whole front recedes deeply, still without a central tuft.
  "3A": [frontBald([[18, 42], [34, 50], [60, 53], [86, 50], [102, 42]])],
  // Stage 3 temples plus a bald spot on the crown.
  "3V": [
    frontBald([[18, 38], [33, 50], [47, 38], [60, 33], [73, 38], [87, 50], [102, 38]]),
    ellipsePath(60, 96, 10, 9),
  ],
  // Deeper front and a larger crown, still separated by a band of hair.
  "4": [
    frontBald([[18, 42], [33, 60], [48, 50], [60, 45], [72, 50], [87, 60], [102, 42]]),
    ellipsePath(60, 97, 15, 13),
  ],
  // The front recession reaches far back with no band and no separate crown spot.
  "4A": [frontBald([[18, 44], [32, 62], [60, 72], [88, 62], [102, 44]])],
  // Front and crown both larger; only a narrow band of hair is left between them.
  "5": [
    frontBald([[18, 46], [32, 67], [48, 62], [60, 60], [72, 62], [88, 67], [102, 46]]),
    ellipsePath(60, 96, 21, 17),
  ],
  // The front recession runs back to the crown.
  "5A": [frontBald([[18, 48], [31, 72], [60, 88], [89, 72], [102, 48]])],
  // The band is gone: one bare area from front to crown, a wide horseshoe of hair remains.
  "6": [frontBald([[18, 44], [29, 60], [33, 82], [40, 100], [60, 108], [80, 100], [87, 82], [91, 60], [102, 44]])],
  // Only a narrow horseshoe at the sides and back.
  "7": [frontBald([[16, 60], [26, 74], [29, 94], [37, 110], [60, 117], [83, 110], [91, 94], [94, 74], [104, 60]])],
};

/** Thinning zone per Ludwig stage: size of the see-through oval and how much hair is left. */
const LUDWIG_THINNING: Record<LudwigPictureStage, { rx: number; ry: number; dot: number; part: number }> = {
  I: { rx: 11, ry: 26, dot: 1.25, part: 1.6 },
  II: { rx: 21, ry: 33, dot: 0.95, part: 3 },
  III: { rx: 31, ry: 41, dot: 0.6, part: 5 },
};

type PictureProps = {
  /** Spoken/tooltip text of the picture. */
  title: string;
  /** In a labelled card the card's text already names the picture: hide it from screen readers. */
  decorative?: boolean;
  className?: string;
};

function HeadFrame({
  title,
  decorative,
  className,
  children,
}: PictureProps & { children: (clipId: string) => ReactNode }) {
  const id = useId();
  const clipId = `${id}-clip`;
  const titleId = `${id}-title`;
  return (
    <svg
      viewBox="0 0 120 140"
      className={className}
      role={decorative ? undefined : "img"}
      aria-hidden={decorative ? true : undefined}
      aria-labelledby={decorative ? undefined : titleId}
      focusable="false"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>{title}</title>
      <defs>
        <clipPath id={clipId}>
          <ellipse {...HEAD} />
        </clipPath>
      </defs>
      {/* Ears and nose sit outside the scalp and only show which way the face points. */}
      <ellipse cx={HEAD.cx - HEAD.rx - 1} cy={80} rx={5} ry={10} fill={SKIN} stroke={OUTLINE} strokeWidth={1.5} />
      <ellipse cx={HEAD.cx + HEAD.rx + 1} cy={80} rx={5} ry={10} fill={SKIN} stroke={OUTLINE} strokeWidth={1.5} />
      <path d="M53 24 Q60 6 67 24 Z" fill={SKIN} stroke={OUTLINE} strokeWidth={1.5} strokeLinejoin="round" />
      <ellipse {...HEAD} fill={HAIR} />
      <g clipPath={`url(#${clipId})`}>{children(clipId)}</g>
      <ellipse {...HEAD} fill="none" stroke={OUTLINE} strokeWidth={2} />
    </svg>
  );
}

export function NorwoodPicture({ stage, ...props }: PictureProps & { stage: NorwoodPictureStage }) {
  return (
    <HeadFrame {...props}>
      {() => NORWOOD_BALD[stage].map((d, index) => <path key={index} d={d} fill={SKIN} />)}
    </HeadFrame>
  );
}

export function LudwigPicture({ stage, ...props }: PictureProps & { stage: LudwigPictureStage }) {
  const { rx, ry, dot, part } = LUDWIG_THINNING[stage];
  const patternId = `${useId()}-sparse`;
  // The oval starts just behind the kept frontal hairline and grows backwards.
  const cy = 40 + ry;
  return (
    <HeadFrame {...props}>
      {() => (
        <>
          <defs>
            <pattern id={patternId} width={3.2} height={3.2} patternUnits="userSpaceOnUse">
              <rect width={3.2} height={3.2} fill={SKIN} />
              <circle cx={1.6} cy={1.6} r={dot} fill={HAIR} />
            </pattern>
          </defs>
          <path d={frontBald(FULL_HAIRLINE)} fill={SKIN} />
          <ellipse cx={60} cy={cy} rx={rx} ry={ry} fill={`url(#${patternId})`} />
          {/* The widening centre parting that gives the Ludwig pattern its "Christmas tree" look. */}
          <path
            d={`M60 36 L${60 - part / 2} ${cy} L60 ${cy + ry - 4} L${60 + part / 2} ${cy} Z`}
            fill={SKIN}
          />
        </>
      )}
    </HeadFrame>
  );
}

/** The "Not sure" card: a neutral head with a question mark, so the option reads as a choice too. */
export function UnsurePicture(props: PictureProps) {
  return (
    <HeadFrame {...props}>
      {() => (
        <>
          <ellipse {...HEAD} fill="#8a7566" />
          <text
            x={60}
            y={92}
            textAnchor="middle"
            fontSize={52}
            fontWeight={700}
            fill="#ffffff"
            fontFamily="system-ui, sans-serif"
          >
            ?
          </text>
        </>
      )}
    </HeadFrame>
  );
}

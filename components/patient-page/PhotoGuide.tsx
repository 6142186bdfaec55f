import type { PhotoView } from "@/lib/photos/photo-limits";

/**
 * A simple drawing of a head with the area of one view marked (the patient's page's photo slots).
 * Pure SVG, no script; the label names the view for screen readers.
 */
const AREAS: Readonly<Record<PhotoView, { head: "front" | "top" | "back"; area: string }>> = {
  front: { head: "front", area: "M30 34 Q50 20 70 34 L70 42 Q50 32 30 42 Z" },
  top: { head: "top", area: "M35 35 Q50 22 65 35 Q68 52 50 60 Q32 52 35 35 Z" },
  crown: { head: "top", area: "M40 56 Q50 50 60 56 Q62 70 50 74 Q38 70 40 56 Z" },
  back: { head: "back", area: "M26 50 Q50 40 74 50 L72 74 Q50 84 28 74 Z" },
  scar: { head: "back", area: "M30 62 Q50 56 70 62 L70 66 Q50 60 30 66 Z" },
};

export function PhotoGuide({ view, label }: { view: PhotoView; label: string }) {
  const { head, area } = AREAS[view];
  return (
    <svg viewBox="0 0 100 100" width={96} height={96} role="img" aria-label={label} focusable="false">
      {head === "front" ? (
        <>
          <ellipse cx="50" cy="55" rx="26" ry="34" fill="#f3e3d3" stroke="#6b5b4b" strokeWidth="2" />
          <circle cx="40" cy="58" r="2.5" fill="#6b5b4b" />
          <circle cx="60" cy="58" r="2.5" fill="#6b5b4b" />
          <path d="M42 74 Q50 79 58 74" fill="none" stroke="#6b5b4b" strokeWidth="2" />
        </>
      ) : head === "top" ? (
        <ellipse cx="50" cy="50" rx="28" ry="36" fill="#f3e3d3" stroke="#6b5b4b" strokeWidth="2" />
      ) : (
        <>
          <ellipse cx="50" cy="52" rx="28" ry="36" fill="#f3e3d3" stroke="#6b5b4b" strokeWidth="2" />
          <path d="M22 54 Q18 58 22 64 M78 54 Q82 58 78 64" fill="none" stroke="#6b5b4b" strokeWidth="2" />
        </>
      )}
      <path d={area} fill="#d9480f" fillOpacity="0.35" stroke="#d9480f" strokeWidth="2" strokeDasharray="4 3" />
    </svg>
  );
}

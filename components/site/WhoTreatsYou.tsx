import styles from "./site.module.css";

/**
 * The clinic's "Who will treat you" text (its own words, edited at /staff/clinic), one paragraph per
 * line it wrote. No client code: the landing page renders it on the server, the result inside the
 * questionnaire. Nothing when the clinic wrote none.
 */
export function WhoTreatsYou({
  id,
  heading,
  text,
  level = 2,
}: {
  id: string;
  heading: string;
  text: string | null | undefined;
  /** 2 on the landing page; 3 inside the result step, whose own heading is the h2. */
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const paragraphs = (text ?? "")
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  if (paragraphs.length === 0) return null;
  return (
    <section className={styles.whoTreatsYou} aria-labelledby={id}>
      <Heading id={id}>{heading}</Heading>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </section>
  );
}

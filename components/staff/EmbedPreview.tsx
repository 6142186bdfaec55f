"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { readFrameMessage } from "@/lib/embed/read-message";
import styles from "./staff.module.css";

/**
 * The live preview on "Add to your website": the real /embed/assessment in a frame, sized from its
 * messages like public/embed.js does, with the events a clinic's page would receive listed below.
 * The app's own origin may always frame the embed route (frame-ancestors 'self'), so the preview
 * works before any site is allowed.
 */
const noSubscription = () => () => {};

export function EmbedPreview({ appOrigin }: { appOrigin: string }) {
  // The frame is created after hydration, so this page listens before the frame can say anything.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(640);
  const [events, setEvents] = useState<string[]>([]);

  useEffect(() => {
    const origin = window.location.origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== frameRef.current?.contentWindow) return;
      const message = readFrameMessage(event.data);
      if (message?.type === "resize") setHeight(message.height);
      if (message?.type === "event") setEvents((list) => [...list, `smp:${message.name} ${JSON.stringify(message.detail)}`]);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);

  return (
    <>
      <div className={styles.previewFrame}>
        {hydrated ? (
          <iframe
            ref={frameRef}
            src={`/embed/assessment?parent=${encodeURIComponent(appOrigin)}`}
            title="Preview: the questionnaire as it appears on your website"
            style={{ height }}
          />
        ) : (
          <p className={styles.muted}>Loading the preview…</p>
        )}
      </div>
      <h3 id="preview-events">Events your page would receive</h3>
      <div aria-live="polite">
        {events.length === 0 ? (
          <p className={styles.muted}>None yet: they appear here when the preview shows a result or sends a request.</p>
        ) : (
          <ol aria-labelledby="preview-events" className={styles.eventLog}>
            {events.map((line, index) => (
              <li key={index}>
                <code>{line}</code>
              </li>
            ))}
          </ol>
        )}
      </div>
    </>
  );
}

"use client";

import { useCallback, useEffect, useMemo, useRef, type ReactNode } from "react";
import { QuestionnaireHostContext, type QuestionnaireEvent, type QuestionnaireHost } from "@/components/questionnaire/questionnaire-host";
import { eventMessage, resizeMessage, stepMessage, type FrameMessage } from "@/lib/embed/protocol";
import type { LeadSource } from "@/lib/leads/lead-input";
import styles from "./embed.module.css";

interface EmbeddedAssessmentProps {
  /** The host page's origin, validated by the server against EMBED_ALLOWED_ORIGINS; null: post nothing. */
  parentOrigin: string | null;
  /** The host page's campaign tags and address (lib/embed/source.ts). */
  leadSource: LeadSource | undefined;
  children: ReactNode;
}

/**
 * The frame's side of the embed (public/embed.js is the host's side, lib/embed/protocol.ts the
 * messages): reports the content's height whenever it changes, a new step, a shown result and a
 * sent request, always to the validated parent origin only (postMessage's targetOrigin: a browser
 * delivers nothing to a parent of any other origin).
 */
export function EmbeddedAssessment({ parentOrigin, leadSource, children }: EmbeddedAssessmentProps) {
  const rootRef = useRef<HTMLDivElement>(null);

  const post = useCallback(
    (message: FrameMessage) => {
      if (parentOrigin === null || window.parent === window) return;
      window.parent.postMessage(message, parentOrigin);
    },
    [parentOrigin],
  );

  useEffect(() => {
    const root = rootRef.current;
    if (!root || parentOrigin === null || window.parent === window) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(root.getBoundingClientRect().height);
      if (height === last || height === 0) return;
      last = height;
      post(resizeMessage(height));
    };
    const observer = new ResizeObserver(report);
    observer.observe(root);
    report();
    return () => observer.disconnect();
  }, [parentOrigin, post]);

  const host = useMemo<QuestionnaireHost>(
    () => ({
      embedded: true,
      leadSource,
      onEvent: (event: QuestionnaireEvent) => {
        if (event.type === "step") post(stepMessage());
        else if (event.type === "completed") post(eventMessage("completed", event.status));
        else if (event.status) post(eventMessage("consultation-requested", event.status, event.reference || undefined));
      },
    }),
    [leadSource, post],
  );

  return (
    <div ref={rootRef} className={styles.root} data-embed-root="">
      <QuestionnaireHostContext.Provider value={host}>{children}</QuestionnaireHostContext.Provider>
    </div>
  );
}

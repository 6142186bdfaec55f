/** The contract's answer to a state-changing request from another site (route wrapper, proxy.ts, Better Auth's routes). */
export const FOREIGN_ORIGIN_MESSAGE = "This request came from another website and was refused.";

export const FOREIGN_ORIGIN_BODY = { error: { code: "FORBIDDEN", message: FOREIGN_ORIGIN_MESSAGE } } as const;

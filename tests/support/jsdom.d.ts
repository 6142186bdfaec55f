// jsdom ships no types and @types/jsdom is not a dependency: the little the embed-script test uses.
declare module "jsdom" {
  export interface JSDOMOptions {
    url?: string;
    referrer?: string;
    runScripts?: "outside-only" | "dangerously";
  }
  export class JSDOM {
    constructor(html?: string, options?: JSDOMOptions);
    readonly window: Window & typeof globalThis & { eval(code: string): unknown };
  }
}

import "server-only";
import { NextResponse } from "next/server";
import { isDatabaseUnavailableError } from "@/lib/db/client";
import { localizeApiMessage, localizeApiMessages } from "@/lib/i18n/api-messages";
import { type AppLocale, DEFAULT_LOCALE, isAppLocale, localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { logger } from "@/lib/log/logger";
import { ApiError, serviceUnavailable } from "./errors";

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response>;

/** The contract's error body; its messages in `locale` (English by default, see requestLocale). */
export function errorResponse(error: ApiError, locale: AppLocale = DEFAULT_LOCALE): NextResponse {
  const body = error.toBody();
  const localized = localizeApiMessages(body.error.message, body.error.fields, locale);
  body.error.message = localized.message;
  if (localized.fields) body.error.fields = localized.fields;
  return NextResponse.json(body, { status: error.status, headers: error.headers });
}

/**
 * Wraps a route handler so every failure answers with the contract's error body:
 * typed ApiErrors keep their status, an unreachable store is a 503, anything else a 500
 * without internals. Only the error's name and route are logged, never the request body.
 * Messages follow `?locale=` / Accept-Language (lib/i18n/api-messages.ts).
 */
export function apiRoute<Ctx = unknown>(route: string, handler: Handler<Ctx>): Handler<Ctx> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      const locale = requestLocale(request);
      if (error instanceof ApiError) return errorResponse(error, locale);
      if (isDatabaseUnavailableError(error)) {
        logger.warn({ route, err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, "store unavailable");
        return errorResponse(serviceUnavailable(), locale);
      }
      // Name and code only: a Prisma error's message can quote the query's arguments (patient data).
      logger.error({ route, err: { name: (error as Error)?.name, code: (error as { code?: unknown })?.code } }, "unexpected error");
      return NextResponse.json(
        { error: { code: "INTERNAL", message: localizeApiMessage("Something went wrong on our side. Please try again.", locale) } },
        { status: 500 },
      );
    }
  };
}

/** `?locale=es` wins; otherwise the best supported language of Accept-Language (q-values count); English by default. */
export function requestLocale(request: Request): AppLocale {
  const param = new URL(request.url).searchParams.get("locale");
  if (isAppLocale(param)) return param;
  return localeFromAcceptLanguage(request.headers.get("accept-language")) ?? DEFAULT_LOCALE;
}

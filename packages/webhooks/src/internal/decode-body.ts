import { WebhookParseError } from "../webhook-parse-error.js";
import { utf8 } from "./utf8.js";

/** 256 KiB: a real webhook is under 2 KiB, so this only bounds abuse. */
export const DEFAULT_MAX_BYTES: number = 256 * 1024;

/**
 * Turns the body into text after checking its size in bytes, so an oversized body is refused
 * before any decoding work. Invalid UTF-8 is refused, never replaced; a leading BOM is dropped.
 * Strings are encoded first, so they are measured and cleaned the same way.
 */
export function decodeBody(body: unknown, maxBytes: number): string {
  const bytes =
    typeof body === "string"
      ? utf8.encode(body)
      : body instanceof Uint8Array
        ? body
        : body instanceof ArrayBuffer
          ? new Uint8Array(body)
          : undefined;
  if (!bytes) throw new WebhookParseError("invalid_body");
  if (bytes.length > maxBytes) throw new WebhookParseError("too_large");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new WebhookParseError("invalid_utf8");
  }
}

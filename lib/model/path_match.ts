/**
 * Go's `path.Match`, as an ApplicationSet's Git directory generator calls it on
 * each folder of the repository (argo-cd v3.2.0 applicationset/generators/git.go,
 * filterApps), with Go's semantics to the byte (go1.26 src/path/match.go: Match,
 * scanChunk, matchChunk, getEsc), and in bounded time: no regular expression is
 * built from the pattern. Go matches UTF-8 bytes, so this does too:
 * - the pattern is cut into chunks at each `*` outside a class, a run of stars
 *   going with the chunk after it; each chunk matches a fixed number of runes
 *   (`?` and a class one rune each, any other byte itself, `\` escaping the byte
 *   after it);
 * - a chunk after a star is tried at the first place it matches (leftmost), and
 *   the pattern never returns to an earlier chunk: at most one pass over the name
 *   per chunk, so O(pattern x name) steps whatever the pattern;
 * - a star never passes a `/`, but a class can match one (`a[^x]b` matches `a/b`);
 * - the last chunk must end the name; a star trying it moves byte by byte, as Go's
 *   does (`*???` matches one four-byte rune: three bytes of it read as three runes);
 * - a malformed pattern (an unclosed or empty class, a bad range, a trailing `\`)
 *   is Go's ErrBadPattern whatever the name: Go checks every chunk even when the
 *   match has failed.
 *
 * @module
 */

const SLASH = 0x2f;
const RUNE_ERROR = 0xfffd;
const ENCODER = new TextEncoder();

/** Go's `path.ErrBadPattern` message. */
export const BAD_PATTERN = "syntax error in pattern";

/** One term of a chunk: a byte, `?`, or a class of rune ranges. */
type Term =
  | { kind: "byte"; byte: number }
  | { kind: "any" }
  | { kind: "class"; negated: boolean; ranges: [number, number][] };

/** A pattern's chunk: the terms after a run of stars (or at the start, without one). */
interface Chunk {
  star: boolean;
  terms: Term[];
}

/** A pattern checked and cut into chunks, to match many names. */
export interface CompiledPattern {
  chunks: Chunk[];
}

/**
 * The rune at `at` and its length in bytes, as Go's utf8.DecodeRune reads it: an
 * invalid byte (a continuation byte where a rune starts, say) is U+FFFD, one byte long.
 */
function decodeRune(bytes: Uint8Array, at: number): [number, number] {
  const b0 = bytes[at];
  if (b0 < 0x80) return [b0, 1];
  const size = b0 > 0xf4 ? 0 : b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc2 ? 2 : 0;
  if (size === 0 || at + size > bytes.length) return [RUNE_ERROR, 1];
  let rune = b0 & (size === 2 ? 0x1f : size === 3 ? 0x0f : 0x07);
  for (let k = 1; k < size; k++) {
    const b = bytes[at + k];
    if ((b & 0xc0) !== 0x80) return [RUNE_ERROR, 1];
    rune = (rune << 6) | (b & 0x3f);
  }
  const min = size === 2 ? 0x80 : size === 3 ? 0x800 : 0x10000;
  const surrogate = rune >= 0xd800 && rune <= 0xdfff;
  return rune < min || rune > 0x10ffff || surrogate ? [RUNE_ERROR, 1] : [rune, size];
}

/** The end of the chunk that starts at `from`: the first `*` outside a class (Go's scanChunk). */
function chunkEnd(pattern: Uint8Array, from: number): number {
  let inClass = false;
  for (let i = from; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === 0x5c /* \ */) {
      if (i + 1 < pattern.length) i++;
    } else if (c === 0x5b /* [ */) inClass = true;
    else if (c === 0x5d /* ] */) inClass = false;
    else if (c === 0x2a /* * */ && !inClass) return i;
  }
  return pattern.length;
}

function bad(): never {
  throw new SyntaxError(BAD_PATTERN);
}

/** A possibly escaped rune of a class, ending before `end` (Go's getEsc): the rune and where next. */
function classRune(pattern: Uint8Array, at: number, end: number): [number, number] {
  if (at >= end || pattern[at] === 0x2d /* - */ || pattern[at] === 0x5d /* ] */) bad();
  if (pattern[at] === 0x5c && ++at >= end) bad();
  const [rune, size] = decodeRune(pattern, at);
  if (rune === RUNE_ERROR && size === 1) bad();
  if (at + size >= end) bad();
  return [rune, at + size];
}

/** A class from just after its `[`: the term and where the chunk goes on. */
function classTerm(pattern: Uint8Array, at: number, end: number): [Term, number] {
  const negated = at < end && pattern[at] === 0x5e; /* ^ */
  if (negated) at++;
  const ranges: [number, number][] = [];
  while (!(at < end && pattern[at] === 0x5d && ranges.length > 0)) {
    const [lo, afterLo] = classRune(pattern, at, end);
    let [hi, next] = [lo, afterLo];
    if (pattern[afterLo] === 0x2d) [hi, next] = classRune(pattern, afterLo + 1, end);
    ranges.push([lo, hi]);
    at = next;
  }
  return [{ kind: "class", negated, ranges }, at + 1];
}

/** The terms of the chunk `pattern[from, end)`; a SyntaxError where Go's matchChunk errs. */
function chunkTerms(pattern: Uint8Array, from: number, end: number): Term[] {
  const terms: Term[] = [];
  for (let at = from; at < end;) {
    const c = pattern[at];
    if (c === 0x5b) {
      const [term, next] = classTerm(pattern, at + 1, end);
      terms.push(term);
      at = next;
    } else if (c === 0x3f /* ? */) {
      terms.push({ kind: "any" });
      at++;
    } else if (c === 0x5c) {
      if (at + 1 >= end) bad();
      terms.push({ kind: "byte", byte: pattern[at + 1] });
      at += 2;
    } else {
      terms.push({ kind: "byte", byte: c });
      at++;
    }
  }
  return terms;
}

/**
 * A pattern checked and cut into chunks; a SyntaxError ("syntax error in pattern")
 * where Go's `path.Match` returns ErrBadPattern.
 */
export function compilePattern(pattern: string): CompiledPattern {
  const bytes = ENCODER.encode(pattern);
  const chunks: Chunk[] = [];
  let at = 0;
  while (at < bytes.length) {
    let star = false;
    while (at < bytes.length && bytes[at] === 0x2a) [star, at] = [true, at + 1];
    const end = chunkEnd(bytes, at);
    chunks.push({ star, terms: chunkTerms(bytes, at, end) });
    at = end;
  }
  return { chunks };
}

/** Where a chunk matching `name` from `at` ends, or -1 (Go's matchChunk on a valid chunk). */
function matchTerms(terms: readonly Term[], name: Uint8Array, at: number): number {
  for (const term of terms) {
    if (at >= name.length) return -1;
    if (term.kind === "byte") {
      if (name[at] !== term.byte) return -1;
      at++;
    } else if (term.kind === "any") {
      if (name[at] === SLASH) return -1;
      at += decodeRune(name, at)[1];
    } else {
      const [rune, size] = decodeRune(name, at);
      const inside = term.ranges.some(([lo, hi]) => lo <= rune && rune <= hi);
      if (inside === term.negated) return -1;
      at += size;
    }
  }
  return at;
}

/** Where a chunk after a star matches first, the end of the name for the last chunk, or -1. */
function afterStar(terms: readonly Term[], name: Uint8Array, at: number, last: boolean): number {
  for (let skip = at; skip < name.length && name[skip] !== SLASH; skip++) {
    const end = matchTerms(terms, name, skip + 1);
    if (end >= 0 && (!last || end === name.length)) return end;
  }
  return -1;
}

/** Whether a compiled pattern matches all of `name` (UTF-8 bytes), as Go's `path.Match`. */
function matchBytes(compiled: CompiledPattern, name: Uint8Array): boolean {
  let at = 0;
  const { chunks } = compiled;
  for (let i = 0; i < chunks.length; i++) {
    const { star, terms } = chunks[i];
    const last = i === chunks.length - 1;
    if (star && terms.length === 0) return name.indexOf(SLASH, at) < 0; // a trailing star
    const end = matchTerms(terms, name, at);
    if (end >= 0 && (end === name.length || !last)) {
      at = end;
      continue;
    }
    at = star ? afterStar(terms, name, at, last) : -1;
    if (at < 0) return false;
  }
  return at === name.length;
}

/**
 * Whether `name` matches a compiled pattern, as Go's `path.Match`.
 *
 * @example
 * ```ts
 * import { compilePattern, matchCompiled } from "./path_match.ts";
 * import assert from "node:assert/strict";
 * const pattern = compilePattern("my-apps/*");
 * assert.ok(matchCompiled(pattern, "my-apps/web"));
 * assert.ok(!matchCompiled(pattern, "my-apps/team/web"));
 * ```
 */
export function matchCompiled(compiled: CompiledPattern, name: string): boolean {
  return matchBytes(compiled, ENCODER.encode(name));
}

/**
 * Go's `path.Match(pattern, name)`: whether the name matches; a SyntaxError
 * ("syntax error in pattern") for a malformed pattern, whatever the name.
 *
 * @example
 * ```ts
 * import { goPathMatch } from "./path_match.ts";
 * import assert from "node:assert/strict";
 * assert.ok(goPathMatch("my-apps/[a-c]?", "my-apps/b2"));
 * assert.ok(goPathMatch("a[^x]b", "a/b"));
 * assert.throws(() => goPathMatch("[a-", "a"), SyntaxError);
 * ```
 */
export function goPathMatch(pattern: string, name: string): boolean {
  return matchCompiled(compilePattern(pattern), name);
}

/**
 * How deep a path the pattern can match, at most: one folder, then one more for each
 * term that can match a `/` (a `/` itself, a class that holds it); a star or `?` never does.
 */
export function maxDepth(compiled: CompiledPattern): number {
  let slashes = 0;
  for (const { terms } of compiled.chunks) {
    for (const term of terms) {
      if (term.kind === "byte" && term.byte === SLASH) slashes++;
      if (term.kind === "class") {
        const inside = term.ranges.some(([lo, hi]) => lo <= SLASH && SLASH <= hi);
        if (inside !== term.negated) slashes++;
      }
    }
  }
  return slashes + 1;
}

/** The bytes every matching name starts with: the plain bytes before the first star, `?` or class. */
export function literalPrefix(compiled: CompiledPattern): Uint8Array {
  const first = compiled.chunks[0];
  if (!first || first.star) return new Uint8Array();
  const end = first.terms.findIndex((term) => term.kind !== "byte");
  const terms = end < 0 ? first.terms : first.terms.slice(0, end);
  return Uint8Array.from(terms.map((term) => (term as { byte: number }).byte));
}

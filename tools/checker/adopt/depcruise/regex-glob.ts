/**
 * Turns a regular expression of a dependency-cruiser rule (matched against
 * a repository-relative path) into a glob of `contracts/project.yaml`
 * (`**`, `*`, `?`, `{a,b}`, matched against the whole path), when it can.
 *
 * Understood: `^` and `$` (an unanchored side becomes `**`), literal and
 * escaped characters, character classes of single characters (`[.]`,
 * `[jt]`), `.*`, `.+`, `.`, `[^/]*`, `[^/]+`, `[^/]`, groups with
 * alternatives (`(a|b)`, `(?:a|b)`, optional `(…)?`), `(^|/)` at the start
 * and `(/|$)` at the end. `.*` becomes `**`, or `*\/**` before a `/` (so
 * that at least one folder stays required). Approximations, each reported:
 * `.` becomes `?` and `.+` becomes `?**`, which do not match a `/` in
 * that place (paths never hold an empty folder name, so this matters only
 * where a `.` stands for a `/`). Anything else (back-references, lookahead,
 * `\d`, ranges, quantified groups) is not translated, with the reason.
 */

/** The outcome of a translation: a glob (with its approximations), or why there is none. */
export type GlobTranslation = { readonly glob: string; readonly approximations: readonly string[] } | { readonly reason: string };

/** One element of a parsed expression. */
type Token =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "any-star" }
  | { readonly kind: "any-plus" }
  | { readonly kind: "any-one" }
  | { readonly kind: "segment-star" }
  | { readonly kind: "segment-plus" }
  | { readonly kind: "segment-one" }
  | { readonly kind: "group"; readonly alternatives: readonly (readonly Token[])[]; readonly optional: boolean }
  | { readonly kind: "start-or-slash" }
  | { readonly kind: "slash-or-end" };

/** A failure of the parser, with the reason shown to the user. */
class Untranslatable extends Error {}

/** Characters a glob gives a meaning to, which a literal cannot hold. */
const GLOB_SPECIAL = new Set(["*", "?", "{", "}", ","]);

/** Escapes whose character stands for itself. */
const LITERAL_ESCAPES = new Set([".", "/", "-", "_", "\\", "(", ")", "[", "]", "{", "}", "|", "^", "$", "+", "*", "?", "@", "#", "!", "~", ":", "=", " "]);

/** Parses a regular expression source into tokens (see the module's comment). */
class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  /** Parses alternatives up to `)` or the end. */
  alternatives(): Token[][] {
    const alternatives: Token[][] = [[]];
    while (this.at < this.source.length && this.peek() !== ")") {
      if (this.peek() === "|") {
        this.at++;
        alternatives.push([]);
        continue;
      }
      (alternatives[alternatives.length - 1] as Token[]).push(this.token());
    }
    return alternatives;
  }

  private peek(offset = 0): string {
    return this.source.charAt(this.at + offset);
  }

  /** A quantifier after an element: `*`, `+`, `?` or none. */
  private quantifier(): "*" | "+" | "?" | "" {
    const next = this.peek();
    if (next === "*" || next === "+" || next === "?") {
      this.at++;
      if (this.peek() === "?") throw new Untranslatable("a lazy quantifier");
      return next;
    }
    if (next === "{") throw new Untranslatable("a counted quantifier ({n,m})");
    return "";
  }

  private literal(text: string): Token {
    const quantifier = this.quantifier();
    if (quantifier === "?") return { kind: "group", alternatives: [[{ kind: "literal", text }], []], optional: false };
    if (quantifier !== "") throw new Untranslatable(`"${text}${quantifier}" (a repeated character)`);
    return { kind: "literal", text };
  }

  private token(): Token {
    const ch = this.peek();
    this.at++;
    if (ch === "\\") {
      const escaped = this.peek();
      this.at++;
      if (!LITERAL_ESCAPES.has(escaped)) throw new Untranslatable(`"\\${escaped}"`);
      return this.literal(escaped);
    }
    if (ch === ".") {
      const quantifier = this.quantifier();
      if (quantifier === "*") return { kind: "any-star" };
      if (quantifier === "+") return { kind: "any-plus" };
      if (quantifier === "?") throw new Untranslatable('".?"');
      return { kind: "any-one" };
    }
    if (ch === "[") return this.characterClass();
    if (ch === "(") return this.group();
    if (ch === "^" || ch === "$") throw new Untranslatable(`"${ch}" in the middle of the expression`);
    if (ch === "*" || ch === "+" || ch === "?") throw new Untranslatable(`a "${ch}" with nothing before it`);
    return this.literal(ch);
  }

  private characterClass(): Token {
    const end = this.source.indexOf("]", this.at);
    if (end < 0) throw new Untranslatable("an unclosed character class");
    const body = this.source.slice(this.at, end);
    this.at = end + 1;
    if (body === "^/" || body === "^\\/") {
      const quantifier = this.quantifier();
      if (quantifier === "*") return { kind: "segment-star" };
      if (quantifier === "+") return { kind: "segment-plus" };
      if (quantifier === "?") throw new Untranslatable('"[^/]?"');
      return { kind: "segment-one" };
    }
    if (body.startsWith("^") || /[^\\]-./.test(body) || body.includes("\\")) throw new Untranslatable(`the character class [${body}]`);
    const chars = [...new Set(body)];
    const quantifier = this.quantifier();
    if (quantifier === "*" || quantifier === "+") throw new Untranslatable(`a repeated character class [${body}]`);
    return { kind: "group", alternatives: [...chars.map((text) => [{ kind: "literal", text } as Token]), ...(quantifier === "?" ? [[]] : [])], optional: false };
  }

  private group(): Token {
    for (const [body, kind] of [
      ["^|/)", "start-or-slash"],
      ["/|^)", "start-or-slash"],
      ["?:^|/)", "start-or-slash"],
      ["/|$)", "slash-or-end"],
      ["$|/)", "slash-or-end"],
      ["?:/|$)", "slash-or-end"],
    ] as const) {
      if (!this.source.startsWith(body, this.at)) continue;
      this.at += body.length;
      if (this.quantifier() !== "") throw new Untranslatable(`a quantified (${body}`);
      return { kind };
    }
    if (this.peek() === "?") {
      if (this.peek(1) !== ":") throw new Untranslatable(`"(?${this.peek(1)}" (a lookaround or named group)`);
      this.at += 2;
    }
    const start = this.at;
    const alternatives = this.alternatives();
    if (this.peek() !== ")") throw new Untranslatable("an unclosed group");
    const body = this.source.slice(start, this.at);
    this.at++;
    const quantifier = this.quantifier();
    if (quantifier === "*" || quantifier === "+") throw new Untranslatable(`a repeated group (${body})${quantifier}`);
    return { kind: "group", alternatives, optional: quantifier === "?" };
  }

  done(): boolean {
    return this.at >= this.source.length;
  }
}

/** Writes tokens as a glob. */
class Writer {
  readonly approximations: string[] = [];

  write(tokens: readonly Token[], atStart: boolean): string {
    let out = "";
    tokens.forEach((token, index) => {
      const next = tokens[index + 1];
      const afterSlash = atStart && out === "" ? true : out.endsWith("/");
      out += this.one(token, next, afterSlash, index === 0 && atStart);
    });
    return out;
  }

  private one(token: Token, next: Token | undefined, afterSlash: boolean, first: boolean): string {
    switch (token.kind) {
      case "literal":
        if (GLOB_SPECIAL.has(token.text)) throw new Untranslatable(`the character "${token.text}", which globs give a meaning to`);
        return token.text;
      case "any-star":
        return next?.kind === "literal" && next.text === "/" ? "*/**" : "**";
      case "any-plus":
        if (!afterSlash) this.approximations.push('".+" is taken as one or more characters starting with one other than "/"');
        return "?**";
      case "any-one":
        this.approximations.push('"." is taken as any character but "/"');
        return "?";
      case "segment-star":
        return "*";
      case "segment-plus":
        return "?*";
      case "segment-one":
        return "?";
      case "start-or-slash":
        if (!first) throw new Untranslatable('"(^|/)" after the start');
        return "**/";
      case "slash-or-end":
        if (next !== undefined) throw new Untranslatable('"(/|$)" before the end');
        return "{/**,}";
      case "group": {
        const parts = token.alternatives.map((alternative) => this.write(alternative, false));
        if (token.optional) parts.push("");
        return parts.length === 1 ? (parts[0] as string) : `{${parts.join(",")}}`;
      }
    }
  }
}

/** Translates one regular expression source into a glob (see the module's comment). */
export function regexToGlob(source: string): GlobTranslation {
  try {
    const anchoredStart = source.startsWith("^");
    const anchoredEnd = source.endsWith("$") && !source.endsWith("\\$");
    const body = source.slice(anchoredStart ? 1 : 0, anchoredEnd ? source.length - 1 : source.length);
    const parser = new Parser(body);
    const alternatives = parser.alternatives();
    if (!parser.done()) throw new Untranslatable('an unmatched ")"');
    let tokens: Token[] =
      alternatives.length === 1 ? (alternatives[0] as Token[]) : [{ kind: "group", alternatives, optional: false }];
    const startsFree = tokens[0]?.kind === "start-or-slash";
    if (!anchoredStart && !startsFree) tokens = [{ kind: "any-star" }, ...tokens];
    const endsFree = tokens[tokens.length - 1]?.kind === "slash-or-end";
    if (!anchoredEnd && !endsFree) tokens = [...tokens, { kind: "any-star" }];
    const writer = new Writer();
    const glob = writer.write(tokens, true).replace(/\*\*(\*\*)+/g, "**");
    if (glob === "" || /^(\.\/|\/|\.\.)/.test(glob)) throw new Untranslatable("a path that is empty or not relative to the repository root");
    return { glob, approximations: [...new Set(writer.approximations)] };
  } catch (error) {
    if (error instanceof Untranslatable) return { reason: `${error.message} has no glob equivalent` };
    throw error;
  }
}

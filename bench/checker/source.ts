/**
 * Writing a generated file line by line while remembering where things
 * landed, so a planted violation knows its exact position.
 */

/** A 1-based position in a file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Builds the text of one file and reports positions of what it adds. */
export class SourceText {
  private readonly lines: string[] = [];

  /**
   * Appends one line and returns its position: the column of `at` in it,
   * or column 1 without `at`.
   * @throws {RangeError} when `at` is not in the line.
   */
  line(text: string, at?: string): Position {
    const index = at === undefined ? 0 : text.indexOf(at);
    if (index < 0) throw new RangeError(`"${at}" is not in "${text}"`);
    this.lines.push(text);
    return { line: this.lines.length, column: index + 1 };
  }

  /** Appends lines and returns the position of the first one. */
  block(...texts: readonly string[]): Position {
    const position = { line: this.lines.length + 1, column: 1 };
    this.lines.push(...texts);
    return position;
  }

  /** The whole text, ending with a newline. */
  toString(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

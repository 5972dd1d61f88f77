/**
 * The sections of a placement card and the terms a reader meets on it, each
 * with the one line that explains it. The card renderer prints the line under
 * each heading; the index prints them all as the key to the cards.
 */

/** The headings of the seed card, in order; every card has them all. */
export const CARD_HEADINGS = [
  "Placement Card",
  "Purpose",
  "Import Analysis",
  "Transaction Boundary",
  "Functions",
  "Classes",
  "Domain Usage",
  "Export Contract",
  "Import Boundary",
  "L5 Pairing Declaration",
] as const;

/** A card's section heading: the seed's, or the one spine adds for types and constants. */
export type CardHeading = (typeof CARD_HEADINGS)[number] | "Types and Constants";

/** The one-line explanation printed under each heading of a card. */
export const SECTION_EXPLANATIONS: Readonly<Record<CardHeading, string>> = {
  "Placement Card":
    "Where the module sits and what its contract says about it: layer, role, who calls it and what it calls (in prose), and whether it may control transactions.",
  Purpose: "What the module is for, in its contract's words.",
  "Import Analysis": "What the code imports: files of this repository (internal) and packages (external).",
  "Transaction Boundary":
    "Whether the code commits, flushes or rolls back a transaction, and what its contract allows: `transaction: forbidden` leaves that to the caller, and the checker fails a module that does it anyway.",
  Functions: "The exported functions, as the TypeScript checker reads them, with their documentation.",
  Classes: "The exported classes, with their base class and public methods.",
  "Types and Constants": "The exported types, enums, interfaces and constants, as TypeScript declarations.",
  "Domain Usage": "The files of this repository that import the module.",
  "Export Contract":
    "The API the contract promises (`exports`; `protocols` are interfaces): the checker fails when the code's exports differ, and `--update` rewrites the section from the code.",
  "Import Boundary":
    "Who may import the module (`boundary`, enforced by both engines) and the imports the contract records (`actual_imports`, compared with the code), as the contract has them.",
  "L5 Pairing Declaration":
    "Whom the module is meant to serve (`pairing`): the domains, the L5 consumers (domain code that calls the spine) and the orchestrator operations it backs. Declared, never checked.",
};

/** The heading of the key on the index page, and its anchor (GitHub's: the heading in lower case). */
export const KEY_HEADING = "Key";
/** The anchor of {@link KEY_HEADING}, which the cards link to. */
export const KEY_ANCHOR = "key";

/** A term of the cards and what it means. */
export interface KeyTerm {
  readonly term: string;
  readonly meaning: string;
}

/** The key to the terms the cards take from the seed's placement cards. */
export const KEY_TERMS: readonly KeyTerm[] = [
  {
    term: "L4, L5",
    meaning:
      "Layer numbers of the placement-card scheme the cards follow: L4 is the spine (orchestrators, drivers and their database code), L5 the domain code above it that calls the spine.",
  },
  { term: "Placement Card", meaning: "A module's page: where it sits, what it promises and who may use it, from its contract and its code." },
  { term: "Pairing Declaration", meaning: "The contract's `pairing` section: which domains, L5 consumers and orchestrator operations the module is meant to serve; never checked." },
  { term: "protocols", meaning: "Interfaces (the seed's Python name for them), listed under `exports.protocols`." },
  { term: "not declared", meaning: "The contract leaves the section out: the checker does not check it (only `placement.file` and `boundary` are required)." },
];

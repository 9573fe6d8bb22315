/** An example the playground offers: a rubric text and an answer set text, read from the repository's files when the site is built. */
export interface Preset {
  id: string;
  /** The name shown in the preset menu. */
  title: string;
  /** One rubric YAML text, areas written inline. */
  rubric: string;
  /** One answer set YAML text. */
  answers: string;
  /** The repository files the texts were made from. */
  from: readonly string[];
}

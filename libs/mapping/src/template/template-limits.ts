/**
 * Size limits a mapping template must respect to be saved, and limits evaluation applies to odd
 * records.
 *
 * Why: templates come from a seller-facing editor and from API callers; without bounds one pasted
 * spreadsheet or runaway script could make every publish or order import slow for that seller.
 * The figures are generous for real use (the seeds' templates use a handful of rules and a few
 * dozen lookup rows) and are part of the public contract: an editor can show them up front.
 */
export const MAPPING_LIMITS = {
  /** Longest template name. */
  maxNameLength: 200,
  /** Most rules one target field may have. */
  maxRulesPerField: 200,
  /** Most rules across the whole template. */
  maxRulesPerTemplate: 2_000,
  /** Most leaf conditions one rule may test (nested groups included). */
  maxConditionsPerRule: 64,
  /** Deepest nesting of all/any groups inside one rule. */
  maxGroupDepth: 5,
  /** Most mapping sets in one template. */
  maxMappingSets: 100,
  /** Most rows in one mapping set. */
  maxMappingSetEntries: 10_000,
  /** Most rows across all mapping sets of a template. */
  maxMappingEntriesPerTemplate: 100_000,
  /** Longest constant, lookup key or lookup value, in characters. */
  maxStringLength: 1_000,
  /** Most values in one `in_list` condition. */
  maxListValues: 1_000,
  /** Longest source path, in characters. */
  maxPathLength: 256,
  /** Most segments (properties and indexes) in one source path. */
  maxPathSegments: 16,
  /** Longest regular expression source. */
  maxRegexLength: 256,
  /** Most JSON nodes (objects, arrays, scalars) in a template document; stops absurd input early. */
  maxTemplateNodes: 500_000,
  /** Deepest JSON nesting of a template document. */
  maxTemplateDepth: 40,
  /**
   * Longest text a `matches` condition runs its regular expression on. Longer input does not
   * match and produces a warning; this bounds the cost of a hostile pattern/input pair.
   */
  maxRegexInputLength: 10_000,
  /** Most line items evaluated per record (get orders); more is reported as an error. */
  maxLinesPerRecord: 1_000,
} as const;

/** The type of {@link MAPPING_LIMITS}. */
export type MappingLimits = typeof MAPPING_LIMITS;

/** Configuration could not be read; `problems` names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

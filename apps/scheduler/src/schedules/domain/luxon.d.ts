// The few luxon 3.7 APIs the schedule timing uses, typed here because @types/luxon is not installed
// (the integrator may add @types/luxon and delete this file; the signatures below match it).
declare module 'luxon' {
  export class Duration {
    static fromISO(text: string): Duration;
    readonly isValid: boolean;
    as(unit: 'milliseconds'): number;
    mapUnits(fn: (value: number) => number): Duration;
  }
  export class DateTime {
    static fromJSDate(date: Date, options?: { zone?: string }): DateTime;
    plus(duration: Duration): DateTime;
    toMillis(): number;
    toJSDate(): Date;
  }
  export class IANAZone {
    static isValidZone(zone: string): boolean;
  }
}

/** The Postgres schema listings owns (its own migrations table lives there too). */
export const LISTINGS_SCHEMA = 'listings';

/** Amazon money with a decimal string amount (Orders 2026). Convert to minor units at the edge. */
export interface DecimalMoney {
  amount: string;
  currencyCode: string;
}

/** Money as Listings Items offers return it. */
export interface ListingsMoney {
  currencyCode: string;
  amount: string | number;
}

/** `nextToken` / `previousToken` pagination of search operations. */
export interface TokenPagination {
  nextToken?: string;
  previousToken?: string;
}

import { reportBatches, UnreadableReportError, type ReportBatch, type ReportBatchOptions } from './report-batches';
import type { ReportLine } from './report-lines';

const HEADER = ['seller-sku', 'price', 'quantity', 'fulfillment-channel'];
const good = (sku: string) => [sku, '9.99', '3', 'DEFAULT'];
const options: ReportBatchOptions = { resumeAfter: 1, batchSize: 2, settings: { quantityThreshold: 999_999 }, currency: 'USD' };

async function collect(rows: string[][], change: Partial<ReportBatchOptions> = {}): Promise<ReportBatch[]> {
  async function* lines(): AsyncGenerator<ReportLine> {
    for (const [i, cells] of rows.entries()) yield { line: i + 1, cells };
  }
  const batches: ReportBatch[] = [];
  for await (const batch of reportBatches(lines(), { ...options, ...change })) batches.push(batch);
  return batches;
}

describe('reportBatches', () => {
  it('cuts rows and row errors into batches of the given size, the rest last, each with its last line', async () => {
    const batches = await collect([HEADER, good('A'), ['B', 'x', '1', 'DEFAULT'], good('C'), ['D', '', '1', 'DEFAULT'], good('E')]);
    expect(batches.map((b) => [b.rows.map((r) => r.listing.sku), b.errors.map((e) => e.line), b.lastLine, b.counts])).toEqual([
      [['A'], [3], 3, { rows: 2 }],
      [['C', 'E'], [], 6, { rows: 3, skipped_price_empty: 1 }],
    ]);
    expect(batches[0]?.errors[0]).toEqual({ line: 3, sku: 'B', message: 'Line 3: SKU B: price "x" is not a number' });
  });

  it('resumes after the committed line and yields a batch of only skipped rows so the cursor moves', async () => {
    const batches = await collect([HEADER, good('A'), good('B'), ['C', '', '1', 'DEFAULT']], { resumeAfter: 3 });
    expect(batches).toEqual([{ rows: [], errors: [], counts: { rows: 1, skipped_price_empty: 1 }, lastLine: 4 }]);
  });

  it('yields nothing for a report fully committed already', async () => {
    expect(await collect([HEADER, good('A')], { resumeAfter: 2 })).toEqual([]);
  });

  it('refuses a report without a required column or without any line', async () => {
    await expect(collect([['seller-sku', 'quantity'], good('A')])).rejects.toThrow(
      new UnreadableReportError('The listings report has no price column; its header is: seller-sku, quantity'),
    );
    await expect(collect([])).rejects.toThrow(UnreadableReportError);
  });
});

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../repo-root';
import { startSandbox } from './start-sandbox';
import type { SandboxHandle } from './start-sandbox';
import { SandboxHarnessError } from './sandbox-harness.error';

const aliveProcess = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a sandbox whose parent dies', () => {
  it('exits too, even when the parent is killed with SIGKILL and never calls stop()', async () => {
    // A parent process of its own that starts a sandbox, prints its pid, and is then killed outright.
    const script = [
      `process.env.SWC_NODE_PROJECT = ${JSON.stringify(path.join(repoRoot(), 'tsconfig.base.json'))};`,
      "require('@swc-node/register');",
      `require(${JSON.stringify(path.join(__dirname, 'start-sandbox.ts'))}).startSandbox().then((s) => console.log(s.pid));`,
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['-e', script], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'inherit'] });
    const sandboxPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      parent.once('exit', (code) => reject(new Error(`the parent exited first (${code})`)));
    });
    expect(aliveProcess(sandboxPid)).toBe(true);
    parent.kill('SIGKILL');
    const deadline = Date.now() + 60_000;
    while (aliveProcess(sandboxPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const orphaned = aliveProcess(sandboxPid);
    if (orphaned) process.kill(sandboxPid, 'SIGKILL');
    expect(orphaned).toBe(false);
  }, 150_000);
});

describe('startSandbox', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ tokenTtlSeconds: 120, demoOrderCount: 3 });
  }, 90_000);
  afterAll(async () => sandbox.stop());

  async function accessToken(refreshToken: string): Promise<string> {
    const res = await fetch(sandbox.lwaTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: sandbox.app.clientId,
        client_secret: sandbox.app.clientSecret,
      }).toString(),
    });
    const body = (await res.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(120);
    return body.access_token;
  }

  it('runs the sandbox in a child process that serves the demo seller through LWA and SP-API paths', async () => {
    const token = await accessToken(sandbox.demoSeller.refreshToken);
    const res = await fetch(`${sandbox.baseUrl}/sellers/v1/marketplaceParticipations`, { headers: { 'x-amz-access-token': token } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('0.016');
  });

  it('drives the admin API: sellers, orders, listings read-back, clock and faults', async () => {
    const seller = await sandbox.admin.createSeller({
      sellingPartnerId: 'A2HARNESS00001',
      region: 'NA',
      marketplaceIds: ['ATVPDKIKX0DER'],
      listingCount: 5,
      orderCount: 0,
    });
    const token = await accessToken(seller.refreshToken);
    const [order] = await sandbox.admin.createOrders(seller.sellingPartnerId, [
      { orderId: '111-1111111-1111111', items: [{ orderItemId: '12345678901234', quantity: 1 }] },
    ]);
    expect(order?.orderId).toBe('111-1111111-1111111');
    const confirm = await fetch(`${sandbox.baseUrl}/orders/v0/orders/111-1111111-1111111/shipmentConfirmation`, {
      method: 'POST',
      headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({
        marketplaceId: 'ATVPDKIKX0DER',
        packageDetail: {
          packageReferenceId: '1',
          carrierCode: 'USPS',
          trackingNumber: '9400',
          shipDate: '2026-09-01T10:00:00Z',
          orderItems: [{ orderItemId: '12345678901234', quantity: 1 }],
        },
      }),
    });
    expect(confirm.status).toBe(204);
    expect((await sandbox.admin.getPackages(seller.sellingPartnerId, '111-1111111-1111111')).packages[0]).toMatchObject({
      carrierCode: 'USPS',
      trackingNumber: '9400',
    });
    expect((await sandbox.admin.getListing(seller.sellingPartnerId, 'SKU-0000001')).sku).toBe('SKU-0000001');

    await sandbox.admin.injectFault({ errorRate: 1, operations: ['getMarketplaceParticipations'] });
    expect((await fetch(`${sandbox.baseUrl}/sellers/v1/marketplaceParticipations`, { headers: { 'x-amz-access-token': token } })).status).toBe(500);
    await sandbox.admin.clearFaults();
    await sandbox.admin.advanceClock(121);
    expect((await fetch(`${sandbox.baseUrl}/sellers/v1/marketplaceParticipations`, { headers: { 'x-amz-access-token': token } })).status).toBe(403);
    await expect(sandbox.admin.getListing(seller.sellingPartnerId, 'NOPE')).rejects.toBeInstanceOf(SandboxHarnessError);
    await sandbox.admin.reset();
    await expect(sandbox.admin.getPackages(seller.sellingPartnerId, '111-1111111-1111111')).rejects.toMatchObject({ status: 404 });
  });
});

import * as path from 'node:path';

/** Absolute path of the `.proto` files, for gRPC servers and clients (the build copies them beside the JS). */
export const CONTRACTS_PROTO_DIR = path.join(__dirname, 'proto');

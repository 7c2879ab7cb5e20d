// Starts the real Halftone binary for a browser test: the same launcher as the Node SDK
// tests (tests/sdk/node/server.mjs, which follows tests/sdk/CONTRACT.md), plus the origin a
// page needs. It uses only Node's standard library, so this suite needs nothing installed there.
import { HALFTONE_BIN, newFolder, startServer } from '../../sdk/node/server.mjs';
import { basicAuth as sdkBasicAuth } from '../../sdk/node/helpers.mjs';

export { HALFTONE_BIN, newFolder };

/**
 * Start one server (see startServer): `env` adds or overrides environment variables.
 * Resolves to `{ baseUrl, origin, urlEndpoint, privateKey, publicKey, dataDir, stop(), logs() }`.
 */
export async function startHalftone(options = {}) {
  const server = await startServer(options);
  return { ...server, origin: new URL(server.baseUrl).origin };
}

/** The `Authorization` header value for the management API (Basic, private key, empty password). */
export function basicAuth(privateKey) {
  return sdkBasicAuth(privateKey);
}

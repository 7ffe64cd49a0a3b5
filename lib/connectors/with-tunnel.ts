// Gives any host/port connector an optional SSH tunnel: when `config.sshTunnel` is set, check and
// read run against 127.0.0.1:<forwarded port> and the tunnel is closed after, also on failure.
import type { TSshTunnel } from "../ssh/config";
import { openSshTunnel, SshTunnelError, type OpenTunnel } from "../ssh/tunnel";
import { ConnectorError, type CheckResult, type Connector, type ReadOptions, type ResultPage, type SshTunnelInfo } from "./types";

type Tunnelable = { host: string; port: number; sshTunnel?: TSshTunnel };

/** What a connector sees through a tunnel: the database's own name, for TLS certificate checks. */
export type Tunnelled = { tlsServerName?: string };

export function withSshTunnel<TConfig extends Tunnelable>(connector: Connector<TConfig>): Connector<TConfig> {
  return {
    spec: connector.spec,
    async check(config, options) {
      if (!config.sshTunnel) return connector.check(config, options);
      let tunnel: OpenTunnel;
      try {
        tunnel = await openSshTunnel(config.sshTunnel, config);
      } catch (error) {
        if (!(error instanceof SshTunnelError)) throw error;
        return { ok: false, message: error.message, ...(error.hostKey && { sshHostKey: error.hostKey.openssh }) };
      }
      try {
        const result = await connector.check(throughTunnel(config, tunnel), options);
        const seen = { sshHostKey: tunnel.hostKey.openssh, sshTunnel: infoOf(tunnel) };
        if (result.ok) return { ...result, ...seen };
        return { ok: false, message: explain(result.message, config, tunnel), ...seen };
      } finally {
        await tunnel.close();
      }
    },
    read(config, sql, options) {
      return config.sshTunnel ? readThroughTunnel(connector, config, sql, options) : connector.read(config, sql, options);
    },
  };
}

async function* readThroughTunnel<TConfig extends Tunnelable>(
  connector: Connector<TConfig>,
  config: TConfig,
  sql: string,
  options: ReadOptions = {},
): AsyncGenerator<ResultPage> {
  let tunnel: OpenTunnel;
  try {
    tunnel = await openSshTunnel(config.sshTunnel!, config);
  } catch (error) {
    if (error instanceof SshTunnelError) throw new ConnectorError(error.message, { cause: error });
    throw error;
  }
  try {
    options.onSshTunnel?.(infoOf(tunnel));
    yield* connector.read(throughTunnel(config, tunnel), sql, options);
  } catch (error) {
    if (error instanceof ConnectorError) throw new ConnectorError(explain(error.message, config, tunnel), { cause: error.cause ?? error });
    throw error;
  } finally {
    await tunnel.close();
  }
}

function throughTunnel<TConfig extends Tunnelable>(config: TConfig, tunnel: OpenTunnel): TConfig {
  return { ...config, host: "127.0.0.1", port: tunnel.localPort, sshTunnel: undefined, tlsServerName: config.host };
}

function infoOf(tunnel: OpenTunnel): SshTunnelInfo {
  return { hostKey: tunnel.hostKey.openssh, fingerprint: tunnel.hostKey.fingerprint, keyIndex: tunnel.keyIndex };
}

/** The driver saw 127.0.0.1:<local port>; the person set up the database's own address. */
function explain(message: string, config: Tunnelable, tunnel: OpenTunnel): string {
  const forwardError = tunnel.lastForwardError();
  if (forwardError) return forwardError;
  return message.replaceAll(`127.0.0.1:${tunnel.localPort}`, `${config.host}:${config.port} (through the SSH tunnel)`);
}

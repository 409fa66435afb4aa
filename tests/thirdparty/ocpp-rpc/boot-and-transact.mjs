// Third-party interoperability check: the ocpp-rpc client (strict mode validates every request it sends and every
// response it receives against its own bundled OCPP 2.0.1 schemas) boots, reports status and sends a transaction
// to the V2gActors CSMS. Prints one JSON line per step; exits non-zero on any failure.
// Usage: node boot-and-transact.mjs <ws://host:port/ocpp> <stationId> [password]
import { RPCClient } from 'ocpp-rpc';

const [endpoint, identity, password] = process.argv.slice(2);
if (!endpoint || !identity) {
  console.error('usage: node boot-and-transact.mjs <ws://host:port/ocpp> <stationId> [password]');
  process.exit(2);
}

const client = new RPCClient({
  endpoint, identity, password,
  protocols: ['ocpp2.0.1'],
  strictMode: true,
  reconnect: false,
  callTimeoutMs: 10000,
});

// The CSMS may call us (e.g. GetBaseReport on boot); answer what a simple station would.
client.handle('GetBaseReport', () => ({ status: 'Accepted' }));
client.handle('GetVariables', ({ params }) => ({
  getVariableResult: params.getVariableData.map(d => ({ attributeStatus: 'UnknownVariable', component: d.component, variable: d.variable })),
}));
client.handle(({ method }) => { throw new Error(`unhandled ${method}`); });

const step = (name, result) => console.log(JSON.stringify({ step: name, result }));
const timeout = setTimeout(() => { console.error('timed out'); process.exit(3); }, 30000);

try {
  await client.connect();
  step('connected', { protocol: client.protocol });
  step('BootNotification', await client.call('BootNotification', {
    reason: 'PowerUp',
    chargingStation: { model: 'ThirdParty-201', vendorName: 'ocpp-rpc' },
  }));
  step('StatusNotification', await client.call('StatusNotification', {
    timestamp: new Date().toISOString(), connectorStatus: 'Occupied', evseId: 1, connectorId: 1,
  }));
  step('TransactionEvent', await client.call('TransactionEvent', {
    eventType: 'Started', timestamp: new Date().toISOString(), triggerReason: 'CablePluggedIn', seqNo: 0,
    transactionInfo: { transactionId: `tp-${identity}`, chargingState: 'EVConnected' },
    evse: { id: 1, connectorId: 1 },
    meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: 1234.5, measurand: 'Energy.Active.Import.Register' }] }],
  }));
  step('Heartbeat', await client.call('Heartbeat', {}));
  await client.close({ code: 1000, reason: 'done' });
  clearTimeout(timeout);
  process.exit(0);
} catch (err) {
  console.error(JSON.stringify({ error: String(err && err.message || err), rpcErrorCode: err && err.rpcErrorCode, details: err && err.details }));
  process.exit(1);
}

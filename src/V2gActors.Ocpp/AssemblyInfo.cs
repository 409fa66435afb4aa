// Ocpp module

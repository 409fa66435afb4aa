// Simulators module

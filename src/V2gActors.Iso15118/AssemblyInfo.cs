// Iso15118 module

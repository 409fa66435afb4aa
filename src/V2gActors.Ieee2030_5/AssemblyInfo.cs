// Ieee2030_5 module

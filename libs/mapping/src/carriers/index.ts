export { fedexCheckDigitValid, gs1Mod10Valid, upsCheckDigitValid, uspsImpbCheckDigitValid } from './check-digits';
export { checkDigitStatus, detectCarrier } from './tracking-detection';
export type { CheckDigitStatus, DetectedCarrier } from './tracking-detection';
export { resolveCarrier } from './carrier-resolution';
export type { CarrierResolution, CarrierSettings, MappedShipment } from './carrier-resolution';

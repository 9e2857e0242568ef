// The box office contract (contract.md), defined once.
export * from './errors';
export * from './primitives';
export * from './entities';
export * from './channels';
export * from './events';
export * from './api';
export * from './notifications';
export * from './payments';
export * from './devices';

export * from './pages';
export * from './stack';
export * from './wait';

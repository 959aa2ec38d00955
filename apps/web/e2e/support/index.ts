export * from './pages';
export * from './stack';

// The API's typed client, generated from openapi.json by `npm run openapi` (never edited by hand): the SDK
// functions, their types, and TanStack Query options for each operation.
export * from './generated';
export * from './generated/@tanstack/react-query.gen';
export { client } from './generated/client.gen';

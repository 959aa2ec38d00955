import { defineConfig } from '@hey-api/openapi-ts';

// The web app's client, generated from the committed OpenAPI document (`npm run openapi` writes both).
export default defineConfig({
  input: 'libs/api-client/openapi.json',
  output: { path: 'libs/api-client/src/generated' },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk', '@tanstack/react-query'],
});

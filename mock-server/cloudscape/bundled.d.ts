// Modules that exist only in the esbuild bundle (scripts/build-cloudscape.mjs); TypeScript only needs their shapes.

// Stylesheets imported for their side effect end up in login.css.
declare module '*.css';

/**
 * Cloudscape's own messages (error icon labels and the like) in the eleven languages managed login
 * offers, cut down at build time to the components the login screens use.
 */
declare module 'cloudscape-login:component-messages' {
  import type { I18nProviderProps } from '@cloudscape-design/components/i18n';

  const messages: ReadonlyArray<I18nProviderProps.Messages>;
  export default messages;
}

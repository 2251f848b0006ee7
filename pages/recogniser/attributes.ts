/**
 * The marks a look leaves on the page, shared by the in-page recogniser (which sets them) and the
 * Node side (which turns them into locators). Plain constants: this file is bundled into the page.
 */

/** Each element a look reports carries a handle: `data-login-harness="17"`. */
export const HANDLE_ATTRIBUTE = 'data-login-harness';
/** Set by each look on the fields (and the controls) it gave a role: `[data-login-harness-role="username"]`. */
export const ROLE_ATTRIBUTE = `${HANDLE_ATTRIBUTE}-role`;
/** A same-origin iframe the recogniser read into carries its own mark, so a locator can go through it. */
export const FRAME_ATTRIBUTE = `${HANDLE_ATTRIBUTE}-frame`;
/** Separates the frames of a handle from the element: `3/17` is element 17 inside the iframe marked 3. */
export const FRAME_SEPARATOR = '/';

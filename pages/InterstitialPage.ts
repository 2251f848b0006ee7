import type { Look, ScreenError } from './look.js';
import { describeLook } from './recognise.js';
import { RecognisedScreen, ScreenFailure, pressOnly, refusedBy, type JourneyContext, type JourneyScreen, type Submission } from './screen.js';

/**
 * A screen between sign-in and the callback that asks nothing: no fields, one primary action
 * ("Welcome back" / "Continue", "Weiter", "계속"). Pressed once, and only after something was
 * submitted: before sign-in such a screen is no step of this journey, and a second one in a row is a
 * screen nobody foresaw.
 */
export class InterstitialPage extends RecognisedScreen implements JourneyScreen {
  readonly name = 'continue';
  readonly step = 'Continue';
  readonly sends = 'nothing';
  private pressed = 0;

  matches(look: Look): boolean {
    return look.roles.continue !== undefined && look.fields.length === 0 && look.error === undefined && !look.busy;
  }

  act(look: Look, context: JourneyContext): Promise<Submission> {
    if (!context.signedIn) throw new ScreenFailure('unexpected_page', `a screen with nothing but a "continue" action before signing in: ${describeLook(look)}`);
    if (this.pressed >= 1) throw new ScreenFailure('unexpected_page', `a second screen with nothing but a "continue" action after pressing one already: ${describeLook(look)}`);
    if (look.roles.continue === undefined) return Promise.resolve({ submitted: false, why: 'no continue action' });
    this.pressed += 1;
    return pressOnly(this.page, look, look.roles.continue, context.budget);
  }

  answerError(error: ScreenError): void {
    refusedBy(error);
  }
}

/**
 * The screens of the journey, one line each, in the order they are tried on every look: the service's
 * error page first, and a screen that can contain another's fields (MFA setup has a code field)
 * before that other. Adding a screen is one page object and one line here.
 */
import type { Page } from '@playwright/test';
import { MfaSetupPage, NewPasswordPage, OneTimeCodePage, PasskeyOfferPage, SignInMethodPage } from '../../pages/challenges.js';
import { ErrorPage } from '../../pages/ErrorPage.js';
import { InterstitialPage } from '../../pages/InterstitialPage.js';
import { CredentialsScreen, PasswordScreen, UsernameScreen } from '../../pages/LoginPage.js';
import type { RecogniserOverrides } from '../../pages/look.js';
import type { JourneyScreen } from '../../pages/screen.js';

export function journeyScreens(page: Page, overrides: RecogniserOverrides): JourneyScreen[] {
  return [
    new ErrorPage(page),
    new NewPasswordPage(page, overrides),
    new MfaSetupPage(page, overrides),
    new OneTimeCodePage(page, overrides),
    new SignInMethodPage(page, overrides),
    new PasskeyOfferPage(page, overrides),
    new CredentialsScreen(page, overrides),
    new UsernameScreen(page, overrides),
    new PasswordScreen(page, overrides),
    new InterstitialPage(page, overrides),
  ];
}

/** The sign-in screens proper: where the login screen's phase ends and the login shape is read. */
export function isLoginScreen(screen: JourneyScreen): boolean {
  return screen instanceof CredentialsScreen || screen instanceof UsernameScreen || screen instanceof PasswordScreen;
}

/** Plays Twitch's helper script in a demo page under test: a helper that speaks Twitch's protocol. */
import { FakeTwitchExt, attachToParent } from '../fakes/twitch-ext.js';

attachToParent(new FakeTwitchExt());

/**
 * The tip timer's English words, added to the English table when its module loads (`addEnglish` in
 * ../shared/messages.ts), so only pages that use it download them. The other languages' words are in
 * ../shared/messages/<lang>.ts, whose tables are typed by these.
 */
export const tipTimerEnglish = {
  timerLabel: 'Tip timer',
  timerStart: 'Start',
  timerPause: 'Pause',
  timerResume: 'Resume',
  timerAdd: '+{time}',
  timerReset: 'Reset',
  timerControls: 'Timer controls',
  timerIdle: 'Not started',
  timerPaused: 'Paused',
  timerEnded: 'Time’s up!',
  timerWaiting: 'Waiting for the streamer’s timer…',
  timerLeft: '{time} left',
  timerPausedLeft: 'Paused with {time} left',
};

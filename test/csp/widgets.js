// The per-widget entries, each imported on its own as a page using only some widgets would.
import '/dist/widgets/platform.js';
import '/dist/widgets/viewer-counter.js';
import '/dist/widgets/tip-menu.js';
import '/dist/widgets/wheel-spinner.js';
import '/dist/widgets/status-pill.js';
import '/dist/widgets/leaderboard.js';
import '/dist/widgets/alert-box.js';
import '/dist/widgets/goal-bar.js';
import '/dist/widgets/event-list.js';
import '/dist/widgets/tip-timer.js';

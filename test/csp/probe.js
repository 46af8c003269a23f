// Runs first on the strict-CSP test pages (a classic script, so before any module): records every
// Content-Security-Policy violation and uncaught error for the test in the parent frame to read.
window.onairCspViolations = [];
window.onairErrors = [];
window.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.onairCspViolations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: `${event.sourceFile}:${event.lineNumber}`,
      sample: event.sample,
    });
  },
  true,
);
window.addEventListener('error', (event) => window.onairErrors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.onairErrors.push(String(event.reason)));

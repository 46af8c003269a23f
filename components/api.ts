/**
 * `onair/api`: the stream layer and `setMessages`, without any widget. For pages that import
 * widgets one by one (`onair/widgets/<name>`) or draw their own UI; importing it defines no element.
 */
export * from '../platform/api.js';
export { setMessages, type MessageId, type Messages } from './shared/messages.js';

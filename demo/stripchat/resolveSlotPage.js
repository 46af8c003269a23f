// Stripchat calls this synchronously to pick a page for each slot; keep it plain and defensive.
export default function resolveSlotPage(slotType, context) {
  var user = context && context.user;
  var isGuest = Boolean(user && user.isGuest);
  var isModel = Boolean(user && !user.isGuest && (user.isModel || (context.model && context.model.id === user.id)));
  switch (slotType) {
    case 'EXTENSION_SLOT_BACKGROUND':
      return isModel ? 'backgroundModel' : null;
    case 'EXTENSION_SLOT_RIGHT_OVERLAY':
      return 'rightOverlay';
    case 'EXTENSION_SLOT_MOVEABLE_OVERLAY':
      return isGuest ? null : 'moveableOverlay';
    default:
      return null;
  }
}

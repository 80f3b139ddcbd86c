// The one key the stand-in accepts when `npm start` runs it: fixed and printed, so that a curl copied from the panel
// and the CLI work against the stand-in as printed. It is not a secret and opens nothing but the stand-in.
export const STAND_IN_API_KEY = 'stand-in-not-a-real-key';

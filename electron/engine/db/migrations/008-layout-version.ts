// Schema version 8: a hall's layout version. Every layout edit (halls.save) bumps it, so the seat
// layout can be cached (by the engine per connection and by a counter per hall) and refetched
// only when it changed; a show's live claims are then all a counter needs to load.
export const sql = `
ALTER TABLE halls ADD COLUMN layout_version INTEGER NOT NULL DEFAULT 1;
`;

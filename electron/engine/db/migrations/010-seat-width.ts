// Schema version 10: a seat's width, the grid columns it spans (1 to 3). A 2-wide recliner is side
// by side with the seat starting two columns on (contract v2, "Seats that belong together").
// Existing seats are 1 wide, which is what every v1 layout meant: v1 read any gap as an aisle.
export const sql = `
ALTER TABLE seats ADD COLUMN width INTEGER NOT NULL DEFAULT 1 CHECK (width BETWEEN 1 AND 3);
`;

// The film catalogue: search, create, edit and archive movies.
import { BoxOfficeError, type ChannelOutput, type Movie, type ParsedInput } from '../../../shared/contract';
import type { Actor, EngineCtx } from '../context';
import type { Db } from '../db/open';
import { newId } from '../ids';
import { writeAudit } from '../audit/audit';
import { retimeUpcomingShows } from '../schedule/retime';
import { getSettings } from '../settings/settings';
import { stmt } from '../db/stmts';

interface MovieRow {
  id: string; title: string; duration_minutes: number; genres: string; language: string; rating: string;
  release_date: string | null; synopsis: string | null; archived: number;
}

function toMovie(r: MovieRow): Movie {
  const m: Movie = {
    id: r.id,
    title: r.title,
    durationMinutes: r.duration_minutes,
    genres: JSON.parse(r.genres) as string[],
    language: r.language,
    rating: r.rating,
    archived: r.archived === 1,
  };
  if (r.release_date !== null) m.releaseDate = r.release_date;
  if (r.synopsis !== null) m.synopsis = r.synopsis;
  return m;
}

export function getMovie(db: Db, id: string): Movie | null {
  const r = stmt(db, 'SELECT * FROM movies WHERE id = ?').get(id) as MovieRow | undefined;
  return r ? toMovie(r) : null;
}

export function searchMovies(ctx: EngineCtx, input: ParsedInput<'movies.search'>, _actor: Actor): ChannelOutput<'movies.search'> {
  const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
  // instr(lower(..)) rather than LIKE: a title search for "100%" or "_" means those characters.
  const rows = stmt(ctx.db, 
      `SELECT * FROM movies
       WHERE (@query IS NULL OR instr(lower(title), lower(@query)) > 0)
         AND (@genre IS NULL OR EXISTS (SELECT 1 FROM json_each(movies.genres) g WHERE lower(g.value) = lower(@genre)))
         AND (@language IS NULL OR lower(language) = lower(@language))
         AND (@all = 1 OR archived = 0)
       ORDER BY title COLLATE NOCASE, id`,
    )
    .all({
      query: blankToNull(input.query),
      genre: blankToNull(input.genre),
      language: blankToNull(input.language),
      all: input.includeArchived ? 1 : 0,
    }) as MovieRow[];
  return rows.map(toMovie);
}

/** Genres trimmed, first spelling kept, duplicates ignoring case dropped. */
function cleanGenres(genres: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const g of genres) {
    const key = g.trim().toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(g.trim());
    }
  }
  return out;
}

export function saveMovie(ctx: EngineCtx, input: ParsedInput<'movies.save'>, actor: Actor): ChannelOutput<'movies.save'> {
  const values = {
    title: input.title,
    duration: input.durationMinutes,
    genres: JSON.stringify(cleanGenres(input.genres)),
    language: input.language,
    rating: input.rating,
    release: input.releaseDate ?? null,
    synopsis: input.synopsis ?? null,
  };
  let retimed: string[] = [];
  const id = ctx.db.transaction(() => {
    if (!input.id) {
      const id = newId('mv');
      stmt(ctx.db, 
          `INSERT INTO movies (id, title, duration_minutes, genres, language, rating, release_date, synopsis, archived, created_at)
           VALUES (@id, @title, @duration, @genres, @language, @rating, @release, @synopsis, 0, @now)`,
        )
        .run({ ...values, id, now: ctx.clock.now() });
      writeAudit(ctx, actor, 'movies.create', id, { title: input.title, durationMinutes: input.durationMinutes });
      return id;
    }
    const before = stmt(ctx.db, 'SELECT duration_minutes FROM movies WHERE id = ?').get(input.id) as { duration_minutes: number } | undefined;
    const r = stmt(ctx.db, 
        `UPDATE movies SET title = @title, duration_minutes = @duration, genres = @genres, language = @language,
           rating = @rating, release_date = @release, synopsis = @synopsis WHERE id = @id`,
      )
      .run({ ...values, id: input.id });
    if (r.changes === 0) throw new BoxOfficeError('NOT_FOUND', 'No such movie');
    // A new running time moves the end of every upcoming show of the film (or refuses overlaps).
    // Only a new one: a title edit must not re-time shows laid out under older settings.
    if (before && before.duration_minutes !== input.durationMinutes) {
      retimed = retimeUpcomingShows(ctx.db, ctx.clock.now(), { movieId: input.id }, getSettings(ctx).trailerMinutes);
    }
    writeAudit(ctx, actor, 'movies.update', input.id, {
      title: input.title,
      durationMinutes: input.durationMinutes,
      ...(retimed.length ? { retimedShows: retimed.length } : {}),
    });
    return input.id;
  }).immediate();
  for (const showId of retimed) ctx.emit('shows.changed', { showId });
  return getMovie(ctx.db, id)!;
}

export function archiveMovie(ctx: EngineCtx, input: ParsedInput<'movies.archive'>, actor: Actor): ChannelOutput<'movies.archive'> {
  ctx.db.transaction(() => {
    const r = stmt(ctx.db, 'UPDATE movies SET archived = 1 WHERE id = ?').run(input.id);
    if (r.changes === 0) throw new BoxOfficeError('NOT_FOUND', 'No such movie');
    writeAudit(ctx, actor, 'movies.archive', input.id);
  })();
  return getMovie(ctx.db, input.id)!;
}

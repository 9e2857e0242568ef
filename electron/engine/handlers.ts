// Binds each contract channel to the engine function that serves it. The mapped type makes a
// channel without a handler (or a handler with the wrong shape) a type error.
import { BoxOfficeError, type Channel, type ChannelOutput, type ParsedInput } from '../../shared/contract';
import type { Actor, CallerSession, EngineCtx } from './context';
import { authLogin, authLogout, authSetup, authStatus } from './staff/auth';
import { listStaff, saveStaff } from './staff/staff';
import { archiveMovie, saveMovie, searchMovies } from './catalog/movies';
import { listTheaters, saveTheater } from './catalog/theaters';
import { getHall, saveHall } from './catalog/halls';
import { listShows, saveShow } from './schedule/shows';
import { cancelShow } from './schedule/cancelShow';
import { holdSeats, releaseSeats } from './inventory/holds';
import { seatClaims, seatMap } from './inventory/seatMap';
import { bestAvailable } from './inventory/bestAvailable';
import { getPricing, savePricing } from './pricing/rules';
import { previewQuote, quoteTickets } from './pricing/quote';
import { listPromos, savePromo } from './promos/promos';
import { getVoucher, sellVoucher } from './vouchers/vouchers';
import { filmReport } from './reports/film';
import { confirmBooking } from './bookings/confirm';
import { getBooking, searchBookings } from './bookings/query';
import { cancelBooking, refundQuote } from './bookings/cancel';
import { payOutRefund } from './bookings/payout';
import { getReceipt, printReceipt } from './receipts/receipts';
import { dailyReport } from './reports/daily';
import { occupancyReport } from './reports/occupancy';
import { closeShift, currentShift, listShifts, openShift } from './shifts/shifts';
import { getSettings } from './settings/settings';
import { saveSettings } from './settings/save';
import { createBackup, listBackups, restoreBackup } from './backup/backup';
import { listAudit } from './audit/audit';
import { getNotifyConfig, saveNotifyConfig } from './notify/config';
import { listOutbox, resendReceipt, retryOutbox } from './notify/outbox';
import { sendTestEmail } from './notify/testEmail';
import { resolvePayment, reviewPayments } from './payments/review';
import { admissionSummary, scanTicket, undoAdmission } from './admissions/admissions';
import { exchangeBooking } from './bookings/exchange';
import { blockSeats, unblockSeats } from './inventory/houseSeats';
import { createPairingCode, pairDevice } from './devices/pairing';
import { listDevices, revokeDevice } from './devices/devices';

type Handler<C extends Channel> = (
  ctx: EngineCtx,
  input: ParsedInput<C>,
  actor: Actor,
  /** What the transport knows of the caller (its address, its device), for the few handlers that need it. */
  caller: CallerSession,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** Public channels may run without a session: their actor is null then. */
type PublicHandler<C extends Channel> = (
  ctx: EngineCtx,
  input: ParsedInput<C>,
  actor: Actor | null,
  caller: CallerSession,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** Channels the desktop app's main process answers itself (install mode, joining a server). */
function desktopOnly(): never {
  throw new BoxOfficeError('NOT_SUPPORTED', 'Only the desktop app chooses its mode or joins a box office server');
}

export type Handlers = { [C in Channel]: Handler<C> | PublicHandler<C> };

export const handlers: Handlers = {
  'auth.status': authStatus,
  'auth.setup': authSetup,
  'auth.login': authLogin,
  'auth.logout': authLogout,
  'staff.list': listStaff,
  'staff.save': saveStaff,
  'devices.pair': pairDevice,
  'devices.pairingCode': createPairingCode,
  'devices.list': listDevices,
  'devices.revoke': revokeDevice,
  'install.status': desktopOnly,
  'install.choose': desktopOnly,
  'install.probe': desktopOnly,
  'install.join': desktopOnly,
  'install.discover': desktopOnly,
  'movies.search': searchMovies,
  'movies.save': saveMovie,
  'movies.archive': archiveMovie,
  'theaters.list': listTheaters,
  'theaters.save': saveTheater,
  'halls.get': getHall,
  'halls.save': saveHall,
  'shows.list': listShows,
  'shows.save': saveShow,
  'shows.cancel': cancelShow,
  'seats.map': seatMap,
  'seats.claims': seatClaims,
  'seats.hold': holdSeats,
  'seats.release': releaseSeats,
  'seats.bestAvailable': bestAvailable,
  'pricing.quote': quoteTickets,
  'pricing.preview': previewQuote,
  'promos.save': savePromo,
  'promos.list': listPromos,
  'vouchers.sell': sellVoucher,
  'vouchers.get': getVoucher,
  'reports.film': filmReport,
  'pricing.get': getPricing,
  'pricing.save': savePricing,
  'bookings.confirm': confirmBooking,
  'bookings.get': getBooking,
  'bookings.search': searchBookings,
  'bookings.cancel': cancelBooking,
  'bookings.refundQuote': refundQuote,
  'receipts.get': getReceipt,
  'receipts.print': printReceipt,
  'reports.daily': dailyReport,
  'reports.occupancy': occupancyReport,
  'shifts.current': currentShift,
  'shifts.open': openShift,
  'shifts.close': closeShift,
  'shifts.list': listShifts,
  'settings.get': (ctx: EngineCtx) => getSettings(ctx),
  'settings.save': saveSettings,
  'backup.create': createBackup,
  'backup.list': listBackups,
  'backup.restore': restoreBackup,
  'audit.list': listAudit,
  'notifications.getConfig': getNotifyConfig,
  'notifications.saveConfig': saveNotifyConfig,
  'notifications.test': sendTestEmail,
  'notifications.list': listOutbox,
  'notifications.retry': retryOutbox,
  'bookings.resendReceipt': resendReceipt,
  'bookings.payOutRefund': payOutRefund,
  'payments.review': reviewPayments,
  'payments.resolve': resolvePayment,
  'admissions.scan': scanTicket,
  'admissions.undo': undoAdmission,
  'admissions.summary': admissionSummary,
  'bookings.exchange': exchangeBooking,
  'shows.blockSeats': blockSeats,
  'shows.unblockSeats': unblockSeats,
};

// Stable error codes of the command contract. A code never changes meaning once shipped; the renderer translates by code.
// `status` is the HTTP status browser mode answers with; `es` is the default human message.

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, es: 'Datos inválidos' },
  UNKNOWN_COMMAND: { status: 404, es: 'Comando desconocido' },
  UNAUTHENTICATED: { status: 401, es: 'Debe iniciar sesión' },
  INVALID_CREDENTIALS: { status: 401, es: 'Usuario o PIN incorrecto' },
  PIN_LOCKED: { status: 409, es: 'Usuario bloqueado por demasiados intentos fallidos' },
  PIN_RATE_LIMITED: { status: 429, es: 'Demasiados intentos de PIN en este equipo: espere unos segundos y vuelva a intentar' },
  NOT_PERMITTED_TO_APPROVE: { status: 403, es: 'Ese usuario no puede autorizar esta operación' },
  OWN_PIN_NOT_APPROVAL: { status: 403, es: 'Ese PIN es el de quien pide la autorización: quien autoriza escribe el suyo (si ambos usan el mismo PIN, uno debe cambiarlo)' },
  FORBIDDEN: { status: 403, es: 'No tiene permiso para esta acción' },
  NOT_FOUND: { status: 404, es: 'No encontrado' },
  CONFLICT: { status: 409, es: 'Ya existe un registro con esos datos' },
  IDEMPOTENCY_CONFLICT: { status: 409, es: 'El identificador de solicitud ya se usó para otra acción' },
  REGISTER_HAS_OPEN_SESSION: { status: 409, es: 'Ya hay un turno abierto en este punto de venta' },
  USER_HAS_OPEN_SESSION: { status: 409, es: 'Ya tienes un turno abierto en otro punto de venta' },
  REGISTER_INACTIVE: { status: 409, es: 'El punto de venta está dado de baja' },
  NO_OPEN_SESSION: { status: 409, es: 'No tienes un turno de caja abierto' },
  SESSION_STATE: { status: 409, es: 'El turno no permite esta acción en su estado actual' },
  REGISTER_SPECIALTY_MISMATCH: { status: 409, es: 'Este punto de venta no admite este tipo de operación' },
  OPENING_AMOUNT_MISMATCH: { status: 400, es: 'El monto inicial no coincide con el conteo' },
  UNKNOWN_DENOMINATION: { status: 400, es: 'Denominación no válida para la moneda del punto de venta' },
  SUPERVISOR_REQUIRED: { status: 403, es: 'Se requiere autorización de supervisor' },
  GRANT_INVALID: { status: 403, es: 'Autorización no válida, vencida o ya utilizada' },
  NOT_GRANTABLE: { status: 400, es: 'Ninguna operación pide autorización para ese permiso' },
  SELF_APPROVAL: { status: 403, es: 'No puede autorizar su propia operación' },
  INSUFFICIENT_CASH: { status: 409, es: 'No hay suficiente efectivo en caja' },
  DIFFERENCE_NEEDS_APPROVAL: { status: 409, es: 'La diferencia supera la tolerancia: recuente o solicite aprobación de un supervisor' },
  PAYMENT_INSUFFICIENT: { status: 409, es: 'Los pagos no cubren el total de la venta' },
  NON_CASH_OVERPAYMENT: { status: 409, es: 'Solo el efectivo puede exceder el total y dar vuelto' },
  PAYMENT_EXCEEDS_TOTAL: { status: 409, es: 'Un pago sobra: el total ya está cubierto' },
  PRODUCT_INACTIVE: { status: 409, es: 'El producto no está disponible' },
  PRICE_OVERRIDE_FORBIDDEN: { status: 403, es: 'No tiene permiso para cambiar precios' },
  TRANSFER_TARGET_INVALID: { status: 409, es: 'El cajero entrante no puede recibir el turno' },
  ROLE_TOO_HIGH: { status: 403, es: 'No puede asignar un rol superior al suyo' },
  OUT_OF_STOCK: { status: 409, es: 'No hay existencias suficientes del producto' },
  QUANTITY_INVALID: { status: 400, es: 'Cantidad no válida para la unidad del producto' },
  DISCOUNT_INVALID: { status: 400, es: 'El descuento supera el importe' },
  SALE_VOIDED: { status: 409, es: 'La venta está anulada' },
  SALE_NOT_VOIDABLE: { status: 409, es: 'La venta ya no se puede anular: su turno terminó o tiene devoluciones' },
  REFUND_EXCEEDS_SOLD: { status: 409, es: 'La cantidad a devolver supera lo vendido menos lo ya devuelto' },
  AGENT_PROVIDER_UNKNOWN: { status: 409, es: 'Proveedor de agente desconocido o inactivo' },
  IMPORT_INVALID: { status: 400, es: 'El archivo tiene filas con errores: no se importó nada' },
  INSECURE_HQ_URL: { status: 400, es: 'La dirección de la central debe usar https (http solo para este mismo equipo)' },
  MALFORMED_REQUEST: { status: 400, es: 'Solicitud mal formada: la dirección no es válida' },
  REQUEST_TOO_LARGE: { status: 413, es: 'Solicitud demasiado grande: no se realizó' },
  DISK_FULL: { status: 507, es: 'El disco está lleno: no se guardó nada. Libere espacio en el equipo (o avise al administrador) y vuelva a intentar' },
  STORAGE_BUSY: { status: 503, es: 'La base de datos está ocupada: no se guardó nada. Vuelva a intentar en unos segundos' },
  STORAGE_READONLY: { status: 503, es: 'La base de datos no admite escritura: no se guardó nada. Revise permisos y espacio de la carpeta de datos' },
  STORAGE_CORRUPT: { status: 500, es: 'La base de datos está dañada: no se guardó nada. Cierre la aplicación y restaure la última copia de seguridad' },
  INTERNAL: { status: 500, es: 'Error interno: la operación no se realizó' },
} as const satisfies Record<string, { status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503 | 507; es: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function errorStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

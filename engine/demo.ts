// The demo store (README documents these exact values). Seeding only happens on an empty database.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { SETTING_DEFAULT_TAX_RATE, storeInitialized, insertBranch, insertProduct, insertRegister, insertUser, moveStock, putSetting, schema } from '../db';
import type { Role } from '../src/auth/permissions';
import type { PinCost } from './pin';
import { DEFAULT_PIN_COST, hashPin } from './pin';

export const DEMO_BRANCH = { code: 'SUC001', name: 'Sucursal Centro', timeZone: 'America/La_Paz', currency: 'BOB' } as const;

export const DEMO_REGISTERS = [
  { code: 'POS001', name: 'Caja 1', specialty: 'MIXED' },
  { code: 'POS002', name: 'Caja 2', specialty: 'SALES_ONLY' },
  { code: 'POS003', name: 'Caja Agentes', specialty: 'AGENTS_ONLY' },
] as const;

export const DEMO_TOLERANCE = 1000; // Bs 10.00

export const DEMO_USERS: readonly { username: string; name: string; role: Role; pin: string }[] = [
  { username: 'admin', name: 'Administrador', role: 'ADMIN', pin: '1111' },
  { username: 'gerente', name: 'Gabriel Gerente', role: 'MANAGER', pin: '2222' },
  { username: 'sofia', name: 'Sofía Supervisora', role: 'SUPERVISOR', pin: '3333' },
  { username: 'maria', name: 'María González', role: 'CASHIER', pin: '4444' },
  { username: 'juan', name: 'Juan Pérez', role: 'CASHIER', pin: '5555' },
];

/** 60 everyday products of a Bolivian corner store: [name, price in centavos]. */
const PRODUCTS: readonly (readonly [string, number])[] = [
  ['Agua Vital 600 ml', 500], ['Agua Vital 2 L', 1000], ['Coca-Cola 500 ml', 700], ['Coca-Cola 2 L', 1500],
  ['Fanta Naranja 2 L', 1400], ['Sprite 2 L', 1400], ['Cerveza Paceña 620 ml', 1500], ['Cerveza Huari 620 ml', 1700],
  ['Jugo Del Valle Durazno 1 L', 1200], ['Leche PIL Entera 1 L', 750], ['Leche PIL Deslactosada 1 L', 850], ['Yogurt PIL Frutilla 1 L', 1600],
  ['Mantequilla PIL 200 g', 1400], ['Queso Menonita 500 g', 3200], ['Huevos (maple 30)', 3500], ['Pan Marraqueta (unidad)', 50],
  ['Arroz Grano de Oro 1 kg', 1100], ['Azúcar Guabirá 1 kg', 900], ['Harina Famosa 1 kg', 850], ['Fideo Lazzaroni Spaghetti 400 g', 750],
  ['Aceite Fino 1 L', 1800], ['Sal Yodada 1 kg', 300], ['Café Copacabana 250 g', 2800], ['Té Windsor (25 bolsitas)', 900],
  ['Chocolate Para Ti 100 g', 1200], ['Galletas Mabel Soda', 450], ['Galletas Oreo', 600], ['Papas Pringles Original', 2500],
  ['Maní Salado 100 g', 500], ['Atún Real 170 g', 1300], ['Sardina Lidita 425 g', 1500], ['Mayonesa Kris 400 g', 1700],
  ['Ketchup Kris 400 g', 1500], ['Mostaza Kris 200 g', 800], ['Detergente Omo 1 kg', 2600], ['Jabón Bolívar', 800],
  ['Papel Higiénico Elite (4)', 1400], ['Pasta Dental Colgate 90 g', 1300], ['Shampoo Sedal 340 ml', 2600], ['Desodorante Rexona', 2400],
  ['Pañales Babysec M (20)', 5500], ['Toallas Higiénicas Nosotras', 1200], ['Fósforos (paquete)', 300], ['Velas (paquete 6)', 600],
  ['Pilas Duracell AA (2)', 1800], ['Bolsa de Hielo 2 kg', 800], ['Helado Panda Vainilla 1 L', 2200], ['Salchicha Stege (6)', 1800],
  ['Mortadela Sofía 250 g', 1600], ['Pollo Sofía entero (kg)', 2400], ['Carne Molida (kg)', 5200], ['Tomate (kg)', 800],
  ['Cebolla (kg)', 600], ['Papa Holandesa (kg)', 700], ['Plátano (unidad)', 100], ['Manzana (kg)', 1400],
  ['Limón (kg)', 1000], ['Singani Casa Real 750 ml', 7500], ['Vino Kohlberg Tinto 750 ml', 6000], ['Cigarrillos (cajetilla)', 1500],
];

export const DEMO_TAX_BP = 1300;
export const DEMO_REFUND_LIMIT = 5000; // Bs 50.00: larger refunds need a supervisor
/** Discounts up to 10 % and Bs 50.00 need no supervisor at the demo store's registers. */
export const DEMO_DISCOUNT_CEILINGS = { discountMaxBp: 1_000, discountMaxAmount: 5_000 } as const;

export const DEMO_PROVIDERS = [
  { code: 'TIGO_MONEY', name: 'Tigo Money', kinds: ['CASH_IN', 'CASH_OUT', 'TOP_UP'] },
  { code: 'BNB', name: 'BNB Agente', kinds: ['CASH_IN', 'CASH_OUT'] },
  { code: 'ENTEL', name: 'Entel recargas', kinds: ['TOP_UP'] },
] as const;

function categoryOf(index: number): string {
  if (index < 9) return 'Bebidas';
  if (index < 16) return 'Lácteos y panadería';
  if (index < 34) return 'Almacén';
  if (index < 47) return 'Limpieza y cuidado';
  if (index < 57) return 'Frescos';
  return 'Licores y tabaco';
}

/** EAN-13 check digit over the first 12 digits. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + String((10 - (sum % 10)) % 10);
}

/** Whether the store is not set up (the one predicate, `storeInitialized`): only then may the demo be seeded. */
export function isEmpty(db: Db): boolean {
  return !storeInitialized(db);
}

/** Seeds the demo store into an empty database; returns false (and does nothing) otherwise. */
export function seedDemo(db: Db, now = new Date(), pinCost: PinCost = DEFAULT_PIN_COST): boolean {
  if (!isEmpty(db)) return false;
  const at = now.toISOString();
  const store = { db };
  // A savepoint when the caller (setup.demo) already holds a transaction; its own transaction otherwise.
  db.$client.transaction(() => {
    const branchId = randomUUID();
    insertBranch(store.db, { id: branchId, ...DEMO_BRANCH, createdAt: at });
    putSetting(store.db, SETTING_DEFAULT_TAX_RATE, String(DEMO_TAX_BP));
    for (const r of DEMO_REGISTERS) {
      insertRegister(store.db, { id: randomUUID(), branchId, ...r, currency: 'BOB', blindClose: true, differenceTolerance: DEMO_TOLERANCE, refundApprovalAbove: DEMO_REFUND_LIMIT, ...DEMO_DISCOUNT_CEILINGS, createdAt: at, updatedAt: at });
    }
    for (const u of DEMO_USERS) {
      insertUser(store.db, { id: randomUUID(), branchId, username: u.username, name: u.name, role: u.role, pinHash: hashPin(u.pin, pinCost), createdAt: at, updatedAt: at });
    }
    PRODUCTS.forEach(([name, price], i) => {
      const n = String(i + 1).padStart(3, '0');
      const id = randomUUID();
      const barcode = ean13(`777100000${n}`);
      // Items sold by weight say so in their name; every price includes Bolivia's 13 % IVA.
      const unit = name.includes('(kg)') ? 'KG' : 'UNIT';
      insertProduct(store.db, { id, sku: `SKU-${n}`, name, price, unit, category: categoryOf(i), taxRateBp: DEMO_TAX_BP, createdAt: at, updatedAt: at }, [barcode]);
      moveStock(store.db, { id: randomUUID(), productId: id, delta: 100_000, kind: 'INITIAL', refId: null, reason: 'demo', userId: null, at });
    });
    // Agent providers belong to the agents repository (the session side); seeding writes them directly until it has an insert.
    for (const p of DEMO_PROVIDERS) store.db.insert(schema.agentProviders).values({ ...p, kinds: JSON.stringify(p.kinds), updatedAt: at }).run();
  })();
  return true;
}

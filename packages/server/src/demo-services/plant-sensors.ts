/** A temperature reading, published on `plant/<id>/temperature`. */
export interface PlantTemperature {
  id: string
  /** Epoch milliseconds. */
  time: number
  /** Degrees Celsius, one decimal. */
  celsius: number
}

export type PlantState = 'ok' | 'dry' | 'hot'

/** A plant's status, published on `plant/<id>/status`. */
export interface PlantStatus {
  id: string
  /** Epoch milliseconds. */
  time: number
  state: PlantState
  /** Soil moisture in percent, an integer from 0 to 100. */
  moisture: number
}

/** One message for the broker: a topic and its JSON payload. */
export interface PlantMessage {
  topic: string
  payload: PlantTemperature | PlantStatus
}

export const PLANT_IDS = ['basil', 'fern', 'cactus', 'orchid'] as const
export const MIN_CELSIUS = 12
export const MAX_CELSIUS = 38
/** Above this a plant is `hot`. */
export const HOT_CELSIUS = 30
/** Below this soil moisture (percent) a plant is `dry`. */
export const DRY_MOISTURE = 25
/** A status goes out every this many temperature readings: moisture changes slowly. */
export const STATUS_EVERY = 3

interface Plant {
  id: string
  /** The temperature the plant's spot drifts back toward. */
  restingCelsius: number
  celsius: number
  moisture: number
  /** Moisture lost per reading. */
  drying: number
}

/** The state a reading shows: dry soil matters more than heat (it is the one a gardener can fix). */
export function plantState(celsius: number, moisture: number): PlantState {
  if (moisture < DRY_MOISTURE) return 'dry'
  if (celsius > HOT_CELSIUS) return 'hot'
  return 'ok'
}

/**
 * Four simulated plant sensors. Each `tick()` is one temperature reading per plant (a bounded random
 * walk pulled toward the plant's spot) and, every `STATUS_EVERY` ticks and on the first, one status
 * per plant. Soil dries a little each reading and is watered back when it gets very dry, so the
 * states cycle through `ok`, `dry` and, in the sunny spots, `hot`.
 */
export class PlantSensors {
  private readonly plants: Plant[]
  private ticks = 0

  constructor(private readonly random: () => number = Math.random) {
    const spots = [22, 19, 29, 24]
    this.plants = PLANT_IDS.map((id, i) => ({
      id,
      restingCelsius: spots[i] ?? 22,
      celsius: spots[i] ?? 22,
      moisture: 40 + Math.round(random() * 50),
      drying: 0.5 + random(),
    }))
  }

  tick(time: number = Date.now()): PlantMessage[] {
    const messages: PlantMessage[] = []
    const withStatus = this.ticks % STATUS_EVERY === 0
    this.ticks++
    for (const plant of this.plants) {
      const step = (this.random() - 0.5) * 1.6
      const pull = (plant.restingCelsius - plant.celsius) * 0.1
      plant.celsius = Math.min(MAX_CELSIUS, Math.max(MIN_CELSIUS, plant.celsius + step + pull))
      plant.moisture = plant.moisture < 10 ? 85 : plant.moisture - plant.drying
      const celsius = Math.round(plant.celsius * 10) / 10
      messages.push({ topic: `plant/${plant.id}/temperature`, payload: { id: plant.id, time, celsius } })
      if (!withStatus) continue
      const moisture = Math.round(plant.moisture)
      messages.push({
        topic: `plant/${plant.id}/status`,
        payload: { id: plant.id, time, state: plantState(celsius, moisture), moisture },
      })
    }
    return messages
  }
}

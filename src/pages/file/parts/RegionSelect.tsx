// Province, then city, as grids of big buttons (32 provinces read faster as a grid than as a wheel
// or a 32-card list). A chosen province or city folds into one line with "更改". The seven places
// that file to the province (北京、天津、上海、重庆、海南、西藏、兵团) ask no city.
import { Text, View } from '@tarojs/components'
import { findCity, findProvince, isProvinceLevelDestination, listCities, listProvinces } from '../../../rules'
import { Field } from '../../../components/Field'

/** 内蒙古自治区 → 内蒙古, 广西壮族自治区 → 广西, 黑龙江省 → 黑龙江: shorter names fit a grid. */
export function shortProvinceName(name: string): string {
  if (name === '新疆生产建设兵团') return '新疆兵团'
  return name.replace(/(壮族|回族|维吾尔)?自治区$|省$|市$/, '')
}

export interface RegionValue {
  provinceCode: string
  cityCode: string
}

export interface RegionSelectProps {
  value: RegionValue
  onChange: (value: RegionValue) => void
  provinceLabel: string
  cityLabel: string
  provinceError?: string | null
  cityError?: string | null
  /** data-testid prefix for the browser tests. */
  name: string
}

export function RegionSelect({ value, onChange, provinceLabel, cityLabel, provinceError, cityError, name }: RegionSelectProps) {
  const province = value.provinceCode ? findProvince(value.provinceCode) : undefined
  const city = value.cityCode ? findCity(value.cityCode) : undefined
  const provinceLevel = province ? isProvinceLevelDestination(province.code) : false

  return (
    <View className='fw-region' id={`${name}-region`}>
      <Field label={provinceLabel} error={provinceError}>
        {province ? (
          <View className='fw-chosen'>
            <Text className='fw-chosen__value'>{province.name}</Text>
            <View
              className='fw-chosen__change'
              onClick={() => onChange({ provinceCode: '', cityCode: '' })}
              ariaRole='button'
              ariaLabel={`更改${provinceLabel}`}
            >
              <Text>更改</Text>
            </View>
          </View>
        ) : (
          <View className='fw-grid'>
            {listProvinces().map((item) => (
              <View
                key={item.code}
                className='fw-grid__item'
                hoverClass='fw-grid__item--pressed'
                data-code={item.code}
                ariaRole='button'
                ariaLabel={item.name}
                onClick={() => onChange({ provinceCode: item.code, cityCode: '' })}
              >
                <Text>{shortProvinceName(item.name)}</Text>
              </View>
            ))}
          </View>
        )}
      </Field>

      {province && provinceLevel ? (
        <Text className='fw-region__note'>{province.name}的备案不分城市，不用再选。</Text>
      ) : null}

      {province && !provinceLevel ? (
        <Field label={cityLabel} error={cityError}>
          {city && city.provinceCode === province.code ? (
            <View className='fw-chosen'>
              <Text className='fw-chosen__value'>{city.name}</Text>
              <View
                className='fw-chosen__change'
                onClick={() => onChange({ provinceCode: province.code, cityCode: '' })}
                ariaRole='button'
                ariaLabel={`更改${cityLabel}`}
              >
                <Text>更改</Text>
              </View>
            </View>
          ) : (
            <View className='fw-grid'>
              {listCities(province.code).map((item) => (
                <View
                  key={item.code}
                  className='fw-grid__item'
                  hoverClass='fw-grid__item--pressed'
                  data-code={item.code}
                  ariaRole='button'
                  onClick={() => onChange({ provinceCode: province.code, cityCode: item.code })}
                >
                  <Text>{item.name}</Text>
                </View>
              ))}
            </View>
          )}
        </Field>
      ) : null}
    </View>
  )
}
